"""Quirks met in real database exports of the held-out sets (outside ../shared) and left open there. Each test
holds a few lines of its own in the export's layout; the comment names the public file that showed it."""
from __future__ import annotations

import pathlib


def _read(tmp_path: pathlib.Path, name: str, text: str, encoding: str = "utf-8"):
    from synthesis.io import read_file

    path = tmp_path / name
    path.write_text(text, encoding=encoding)
    return read_file(path)


def test_engineering_village_conference_paper_is_in_its_proceedings_as_scopus_gives_it(tmp_path):
    """Engineering Village's RIS names a conference paper's conference in BT and the series or proceedings it is
    published in in T3: the journal was the conference's name with its dates, where Scopus (T2) gives "Lecture
    Notes in Computer Science", so one paper read from both had two venues; the file was named after no database
    (christina-khnaisser/OntoRelMap-review, data/searches/2026-01/Engineering_Village_ris_7-2-2024_171028338.ris
    beside scopus.ris)."""
    compendex = ("TY  - CONF\nN1  - Compilation and indexing terms, Copyright 2024 Elsevier Inc.\n"
                 "TI  - Mapping rivers with ontologies\n"
                 "BT  - 20th International Conference on Rivers, ESWC 2023, May 28, 2023  -  June 1, 2023\n"
                 "T3  - Lecture Notes in Computer Science\nA1  - Okafor, Chidi\nVL  - 13870 LNCS\nPY  - 2023\n"
                 "U1  - 20232614317593\nSP  - 644\nEP  - 660\nCY  - Hersonissos, Greece\nER  - \n\n\n")
    inspec = ("TY  - CONF\nTI  - Deltas as graphs\nBT  - 2023 IEEE International Conference on Deltas (Deltas), 2023\n"
              "T3  - 2023 IEEE International Conference on Deltas (Deltas)\nA1  - Sato, S.\nPY  - 2023//\n"
              "U1  - 24502626\nSP  - 2958\nEP  - 64\nER  - \n\n\n")
    journal = ("TY  - JOUR\nN1  - Compilation and indexing terms, Copyright 2024 Elsevier Inc.\nTI  - Rivers again\n"
               "JO  - Journal of Rivers\nA1  - Wu, Jiantao\nVL  - 17\nPY  - 2024\nER  - \n\n\n")
    records, report = _read(tmp_path, "Engineering_Village_ris_7-2-2024_171028338.ris", compendex + inspec + journal)
    assert records["journal"].tolist() == ["Lecture Notes in Computer Science",
                                           "2023 IEEE International Conference on Deltas (Deltas)", "Journal of Rivers"]
    assert records["raw"][0]["BT"].startswith("20th International Conference on Rivers")  # the conference: kept
    assert report.database == "Compendex (Engineering Village)"  # most records carry its mark
    # a book chapter keeps its book (BT) before the series (T3); a conference paper with BT alone (Dimensions) its BT
    chapter = _read(tmp_path, "chapter.ris", "TY  - CHAP\nTI  - A chapter\nBT  - The Book\nT3  - The Series\nER  - \n")
    conference = _read(tmp_path, "dimensions.ris", "TY  - CONF\nTI  - A paper\nBT  - 2024 Conference (C)\nER  - \n")
    assert chapter[0]["journal"][0] == "The Book" and conference[0]["journal"][0] == "2024 Conference (C)"


def test_scopus_conference_review_is_typed_as_one_not_as_a_paper(tmp_path):
    """Scopus exports a "Conference review" (a proceedings volume's front matter, titled with the conference's
    name) as TY JOUR or CONF; only M3 says what it is, and its type read as a journal article or conference paper
    (christina-khnaisser/OntoRelMap-review, data/searches/2026-01/scopus.ris, records 12 and 19)."""
    text = ("TY  - JOUR\nTI  - 25th International Conference on Rivers, iiRIV 2023\nPY  - 2023\n"
            "T2  - Lecture Notes in Computer Science\nVL  - 14416 LNCS\nM3  - Conference review\nDB  - Scopus\n"
            "ER  - \n\n"
            "TY  - CONF\nTI  - RIVERS 2023 - Proceedings\nPY  - 2023\nT2  - CEUR Workshop Proceedings\n"
            "M3  - Conference review\nDB  - Scopus\nER  - \n\n"
            "TY  - JOUR\nTI  - A paper on rivers\nPY  - 2023\nT2  - Journal of Rivers\nM3  - Article\nDB  - Scopus\n"
            "ER  - \n")
    records, _ = _read(tmp_path, "scopus.ris", text)
    assert records["type"].tolist() == ["Conference review", "Conference review", "JOUR"]


def test_two_names_written_given_name_first_with_one_comma_are_two_authors(tmp_path):
    """The Indigenous Studies Portal writes an article's authors on one AU line, given name first: "Andrea Sterzuk,
    Russell Fayant" was read as the one author "Andrea Sterzuk, R. F." (ChannarongIntahchomphoo/decolonizing-and-
    indigenizing-academic-libraries, data/searches/2026-01/Indigenous Studies Portal.ris). In a file of names
    written family name first, the same shape stays one name."""
    records = [("Andrea Sterzuk, Russell Fayant", "Language planning"), ("Loriene Roy", "Indigenous women"),
               ("Christine A. Nelson; Natalie R. Youngbull", "Tribal colleges"), ("Michelle Pidgeon", "Access")]
    text = "".join(f"TY  - JOUR\nAU  - {names}\nTI  - {title}\nPY  - 2018\nER  -\n" for names, title in records)
    got, _ = _read(tmp_path, "Indigenous Studies Portal.ris", text)
    assert got["authors"][0] == ["Sterzuk, A.", "Fayant, R."]
    assert got["authors"][2] == ["Nelson, C. A.", "Youngbull, N. R."]
    family_first = [("Figueroa Romero, Dolores Maria", "Milpa"), ("Roy, Loriene", "Women"), ("Pidgeon, M.", "Access")]
    text = "".join(f"TY  - JOUR\nAU  - {names}\nTI  - {title}\nER  -\n" for names, title in family_first)
    got, _ = _read(tmp_path, "zotero.ris", text)
    assert got["authors"][0] == ["Figueroa Romero, D. M."]


def test_ovid_resolver_link_fills_a_volume_issue_and_first_page_the_ris_left_out(tmp_path):
    """Ovid's RIS of a MEDLINE record printed ahead of print leaves out its volume and issue, which the OpenURL
    link it writes below the record holds ("...&rft.volume=30&rft.issue=4&rft.spage=1&..."): the record had
    none (ESHackathon/CiteSource, tests/testthat/data/0_Ovid_search_results_1_to_1000.ris, record 4; the older
    link's "volume=172&issue=&spage=41" in sysrev/sysrev's ovidweb.ris). A value given in the record stays, and a
    DOI's fragment in spage ("jpm", "yw016") is no page."""
    resolver = "Link to the External Link Resolver: http://resolver.example.org/?url_ver=Z39.88-2004&rfr_id=info:sid/Ovid:medp"
    text = (
        "4. \nTY  - JOUR\nID  - 30422079\nT1  - Psychedelic therapy.\nY1  - 2018//\nJF  - International review of "
        "psychiatry\nSP  - 1\nEP  - 26\nL2  - http://ovidsp.ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medp&NEWS=N&"
        "AN=30422079\nER  -  \n\nLink to the Ovid Full Text or citation: http://ovidsp.ovid.com?T=JS&CSC=Y&NEWS=N&"
        f"PAGE=fulltext&D=medp&AN=30422079{resolver}&rft.issn=0954-0261&rft.volume=30&rft.issue=4&rft.spage=1"
        "&rft.pages=1-26&rft.date=2018 \n\n"
        "5. \nTY  - JOUR\nID  - 30412005\nT1  - What dying taught me.\nY1  - 2018//\nJF  - Journal of palliative "
        "medicine\nER  -  \n\n"
        f"{resolver}&rft.volume=&rft.issue=&rft.spage=jpm&rft.pages=&rft.date=2018 \n\n"
        "6. \nTY  - JOUR\nID  - 35634081\nT1  - Surgical selection.\nY1  - 2023//\nJF  - Gynecologic oncology\n"
        "VL  - 172\nER  -  \n\n"
        f"{resolver.replace('rfr_id=info:sid/Ovid:medp', 'sid=OVID:medline&id=pmid:35634081')}&volume=172&issue=2"
        "&spage=41&date=2023 \n\n"
        # the link of another printing (its volume is not the record's): not this record's issue and page
        "7. \nTY  - JOUR\nID  - 35634082\nT1  - Surgical selection again.\nY1  - 2023//\nJF  - Gynecologic "
        "oncology\nVL  - 172\nER  -  \n\n"
        f"{resolver}&rft.volume=171&rft.issue=2&rft.spage=41&rft.date=2023 \n\n"
        # Ovid's CENTRAL mixes another paper's details into its links: another first author, so none is taken
        # (../shared/data/dedup/mckeown_ovid, CN-01649073: Barrett 2018 with "aulast=roberts", volume 76, page 1833)
        "8. \nTY  - ELEC\nID  - CN-01649073\nT1  - Double-blind comparison.\nA1  - Barrett FS, Carbonaro TM\n"
        "Y1  - 2018//\nJA  - Psychopharmacology\nER  -  \n\n"
        f"{resolver.replace('Ovid:medp', 'Ovid:cctr')}&rft.volume=76&rft.issue=12&rft.spage=1833&rft.date=2018"
        "&rft.aulast=roberts \n\n"
        # ... and one whose link names the record's first author (accents and case aside) is used
        "9. \nTY  - JOUR\nID  - 26000001\nT1  - Amygdala coupling.\nA1  - Kr\u00e4henmann R\nY1  - 2015//\nJF  - "
        "Biological psychiatry\nER  -  \n\n"
        f"{resolver}&rft.volume=78&rft.issue=8&rft.spage=572&rft.date=2015&rft.aulast=KRAHENMANN \n\n")
    records, _ = _read(tmp_path, "ovid.ris", text)
    assert records[["volume", "issue", "pages"]].values.tolist() == [["30", "4", "1-26"], ["", "", ""],
                                                                    ["172", "2", "41"], ["172", "", ""],
                                                                    ["", "", ""], ["78", "8", "572"]]


def test_an_issn_without_its_hyphen_reads_as_other_databases_write_it(tmp_path):
    """EBSCOhost writes ISSNs without the hyphen ("SN  - 15513777"), PubMed and Ovid with it ("1551-3777"): one
    journal's ISSN read two ways (ESHackathon/CiteSource, tests/testthat/data/Greenfile_40.ris). Eight digits
    whose check digit is not an ISSN's stay as written."""
    text = ("TY  - JOUR\nTI  - Fire ecology\nSN  - 15513777\nDP  - EBSCOhost\nDB  - 8gh\nER  - \n\n"
            "TY  - JOUR\nTI  - Smoke\nSN  - 0009921X\nER  - \n\n"
            "TY  - JOUR\nTI  - Ash\nSN  - 74155101\nER  - \n")
    records, _ = _read(tmp_path, "greenfile.ris", text)
    assert records["isbn_issn"].tolist() == ["1551-3777", "0009-921X", "74155101"]


def test_refworks_doi_given_only_in_the_notes_is_the_records_doi(tmp_path):
    """RefWorks keeps some records' DOI only in their notes ("NO doi: 10.1086/374030"), its link being the
    publisher's page: the record had no DOI (zotero/translators, "RefWorks Tagged.js", its fourth test case's
    input). A DO field, where there is one, still wins."""
    text = ("RT Journal Article\nSR Electronic(1)\nA1 Brennan,Timothy\nT1 The delta's new clothes\nJF Critical "
            "Inquiry\nYR 2003\nVO 29\nNO doi: 10.1086/374030\nLK http://www.journals.uchicago.edu/doi/abs/10.1086/"
            "374030\nOL Unknown(0)\n\n"
            "RT Journal Article\nSR Electronic(1)\nA1 Okafor,Chidi\nT1 Rivers\nYR 2004\nDO 10.1000/river\n"
            "NO doi: 10.1000/other\n\n")
    records, _ = _read(tmp_path, "refworks.txt", text)
    assert records["doi"].tolist() == ["10.1086/374030", "10.1000/river"]


def test_proquest_keyword_list_joined_with_commas_gives_each_keyword(tmp_path):
    """ProQuest Dissertations & Theses writes a record's keywords on one "Identifier / keyword" line joined with
    commas, its subject area first ("Philosophy, religion and theology, Entrenchment, Goodman"): they read as one
    keyword (UWNETLAB/metaknowledge, metaknowledge/tests/ProQuest_TestFile.testFile)."""
    sep = "_" * 60
    text = (f"{sep}\n\nDocument 1 of 1\n\nEntrenchment and the paradox\n\nAuthor: Dorst, Chris\n\n"
            "Identifier / keyword: Philosophy, religion and theology, Entrenchment, Goodman, New riddle of induction"
            "\n\nSubject: Philosophy of Science; Philosophy\n\nTitle: Entrenchment and the paradox\n\n"
            "ProQuest document ID: 1548716365\n\nDatabase: ProQuest Dissertations & Theses Global\n\n"
            f"{sep}\n")
    records, _ = _read(tmp_path, "ProQuestDocuments-2015-03-31.txt", text)
    assert records["keywords"][0] == ["Philosophy of Science", "Philosophy", "Philosophy, religion and theology",
                                      "Entrenchment", "Goodman", "New riddle of induction"]


def test_endnote_13_xml_link_in_urls_x_is_kept(tmp_path):
    """EndNote 13 (X3) wrote a record's links inside <urls-x> rather than <urls>: the record had no link
    (prototype-59/livereference, endnote.xml)."""
    text = ('<?xml version="1.0" encoding="UTF-8" ?>\n<xml>\n<records>\n<record>\n'
            '<source-app name="EndNote" version="13.0">EndNote</source-app>\n<rec-number>15450156</rec-number>\n'
            '<ref-type name="Journal Article">17</ref-type>\n<titles>\n\t<title><style face="normal" font="default" '
            'size="100%">LTP and LTD in rivers</style></title>\n</titles>\n<urls-x>\n<related-urls>\n\t\t<url><style '
            'face="normal" font="default" size="100%">http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&amp;'
            'db=PubMed&amp;list_uids=15450156</style></url>\n</related-urls>\n</urls-x>\n</record>\n</records>\n</xml>\n')
    records, _ = _read(tmp_path, "endnote.xml", text)
    assert records["url"][0] == "http://www.ncbi.nlm.nih.gov/entrez/query.fcgi?cmd=Retrieve&db=PubMed&list_uids=15450156"


def test_refworks_records_name_their_database_before_the_file_name_does(tmp_path):
    """A RefWorks export of PsycINFO records has no DS line: its database was guessed from the file name, which
    named another (or the reference manager), though each record carries APA's accession number; a CINAHL record
    names CINAHL in its source fields (zotero/translators, "RefWorks Tagged.js", its first three test cases)."""
    psycinfo = ("RT Journal Article\nSR Electronic(1)\nID 271\nA1 Allan,Steven\nT1 Anger and social rank\nJF "
                "Personality & Individual Differences\nYR 2002\nAN 2002-00282-017\nCL 3120 Personality Traits & "
                "Processes\nSF Print (Paper); Journal Article; Empirical Study\n\n")
    records, report = _read(tmp_path, "cinahl_search.txt", psycinfo + psycinfo.replace("271", "272"))
    assert report.database == "APA PsycInfo" and set(records["source_database"]) == {"APA PsycInfo"}
    cinahl = ("RT Dissertation\nSR Electronic(1)\nID 2118\nA1 Catrambone, C.D.\nT1 Asthma case management\nYR 2000\n"
              "AN 2001107680\nSF CINAHL; doctoral dissertation; research\n\n")
    records, _ = _read(tmp_path, "refworks.txt", psycinfo + cinahl)
    assert records["source_database"].tolist() == ["APA PsycInfo", "CINAHL"]


def test_web_of_science_end_page_ampersand_leaves_the_first_page(tmp_path):
    """Web of Science writes "EP &" for an article that goes on on later pages: the pages read "369-&"
    (globe2060org/data-availability-review2025, savedrecs.txt, a 2025 export; Zotero's copies of such records
    in ASySD's zotero_export.bib/.ris too). The first page stays, as for a range without its end ("3-")."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU EBELING, HJ\nAF EBELING, HJ\nTI INFLUENCING THE "
            "ENERGY DEMAND\nSO BRENNSTOFF-WARME-KRAFT\nLA German\nDT Article\nSN 0006-9612\nPD SEP\nPY 1995\nVL 47\n"
            "IS 9\nBP 369\nEP &\nPG 0\nUT WOS:A1995RX65800005\nDA 2025-04-08\nER\n\nEF\n")
    records, _ = _read(tmp_path, "savedrecs.txt", text)
    assert records["pages"].tolist() == ["369"]
    bib = "@article{e1,\n title = {Energy demand},\n pages = {369-&},\n year = {1995}\n}\n"
    records, _ = _read(tmp_path, "zotero_export.bib", bib)
    assert records["pages"].tolist() == ["369"]


def test_initials_then_a_two_word_family_name_keep_the_family_name_whole(tmp_path):
    """Publish or Perish's rows of a Scopus search write each author as initials and family name: "M.A. Mohamed
    Hashim" became "Hashim, M. A. M.", another person (negiiirah/Literature-Review-On-Conveyor-Belt-Digitalization-,
    scopus.csv)."""
    text = ('Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,CitationURL,'
            'Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract,FullTextURL,'
            'RelatedURL\n'
            '2,"M.A. Mohamed Hashim","A sustainable university",2022,"Education and Information Technologies","","",'
            '"https://www.scopus.com/inward/citedby.uri?partnerID=HzOxMe3b&scp=85126745257&origin=inward",5,'
            '"2022-12-19 17:27:44","Article","10.1007/s10639-022-10968-y","1360-2357","",27,7,8961,8996,2,2.00,2,1,1,'
            '"","",""\n')
    records, _ = _read(tmp_path, "scopus.csv", text)
    assert records["authors"][0] == ["Mohamed Hashim, M. A."]


def test_consensus_export_is_named_after_consensus_not_its_file_name(tmp_path):
    """A Consensus (consensus.app) CSV saved as "scopus.csv" was named Scopus by its file name, though every row
    links to its Consensus page; the link was lost (danillocelino/slr_churn_unlearning_uid, scopus.csv)."""
    text = ("Title,Takeaway,Authors,Year,Citations,Abstract,Study Type,Journal,Journal SJR Quartile,DOI,Consensus Link\n"
            'Zero-Shot Machine Unlearning,"Zero-shot unlearning works.","Vikram S Chundawat, A. Tarun, Murari Mandal, Mohan Kankanhalli",2022,200,'
            '"Modern privacy regulations grant citizens the right to be forgotten.",,IEEE Transactions on Information '
            'Forensics and Security,1.0,10.1109/tifs.2023.3265506,https://consensus.app/papers/zeroshot-machine-'
            'unlearning-chundawat-tarun/ab97a5526e595205abef62e4e22c02fd/\n')
    records, report = _read(tmp_path, "scopus.csv", text)
    assert report.database == "Consensus"
    assert records["url"][0].startswith("https://consensus.app/papers/zeroshot-machine-unlearning")
    assert records["authors"][0] == ["Chundawat, V. S.", "Tarun, A.", "Mandal, M.", "Kankanhalli, M."]


def test_two_names_joined_with_and_inside_a_semicolon_list_are_two_authors(tmp_path):
    """A Covidence CSV of Web of Science records ran a volume's editors into the authors: "...; Xiang, Y and lopez,
    J" was one author, "Xiang, Y. A. L. J." (zentouro/systematic-review-flash-floods,
    data/01_Covidence/Screened-Papers-No/review_58723_irrelevant_csv_20191023234056.csv)."""
    text = ("Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,Accession Number,DOI,Ref,"
            "Covidence #,Study,Notes,Tags\n"
            'Discriminating DDoS flows,"Yu, Shui; Zhou, Wanlei; Xiang, Y and lopez, J","Discriminating attacks\n'
            'is hard.",2009,,NSS 2009,,,351-356,,,,#94,Yu 2009,"",""\n')
    records, report = _read(tmp_path, "review_58723_irrelevant_csv_20191023234056.csv", text)
    assert records["authors"][0] == ["Yu, S.", "Zhou, W.", "Xiang, Y.", "lopez, J."]
    assert report.database == "Covidence"


def test_embase_ris_pubmed_id_in_c5_is_read(tmp_path):
    """Embase.com's RIS gives a MEDLINE record's PubMed id in C5 ("C5  - 38339656") and nowhere else: the records
    had no PubMed id, so they could not meet their PubMed copies by it (eduardstan/telemonitoring-wearable-devices-
    review, data/raw/embase/communication_protocols_13_records.ris; the same in ../shared's Embase RIS files)."""
    text = ("TY  - JOUR\nM3  - Article\nY1  - 2024\nVL  - 24\nJF  - Sensors (Basel, Switzerland)\n"
            "UR  - https://www.embase.com/search/results?subaction=viewrecord&id=L643471147&from=export\n"
            "U2  - L643471147\nC5  - 38339656\nDB  - Medline\nT1  - PUFchain 3.0\nER  - \n\n"
            "TY  - JOUR\nY1  - 2023\nJF  - Smart Health\nUR  - https://www.embase.com/search/results?subaction=viewrecord&"
            "id=L2019969914&from=export\nU2  - L2019969914\nDB  - Embase\nC3  - DMG3415U\nT1  - Remote monitoring\nER  - \n\n"
            "TY  - JOUR\nT1  - Not Embase\nUR  - https://example.org/x\nC5  - 12345\nER  - \n")
    records, report = _read(tmp_path, "embase.ris", text)
    assert records["pmid"].tolist() == ["38339656", "", ""]
    assert report.database == "Embase"


def test_scopus_ris_pubmed_id_in_c2_and_labelled_issn_are_read(tmp_path):
    """Scopus's RIS gives the PubMed id in C2 ("C2  - 42727861"; its CSV in "PubMed ID") and labels the ISSN
    ("SN  - 01664328 (ISSN)"): the record had no PubMed id, and its ISSN read unlike every other database's
    (BrewSSS/open-window-precision-biomarkers-scoping-review, 03_search/availability_export_test_2026-10-05/
    Scopus_EI_first10.ris, a 2026 export)."""
    text = ("TY  - JOUR\nAU  - Yazdanian, M.\nTI  - Very early treadmill exercise\nPY  - 2027\nT2  - Behavioural Brain "
            "Research\nVL  - 516\nC7  - 116469\nDO  - 10.1016/j.bbr.2026.116469\nUR  - https://www.scopus.com/pages/"
            "publications/105050182459?origin=resultslist\nSN  - 01664328 (ISSN)\nC2  - 42727861\nDB  - Scopus\n"
            "N1  - EID: 2-s2.0-105050182459\nER  -\n\n"
            "TY  - CONF\nTI  - A paper\nUR  - https://www.scopus.com/inward/record.uri?eid=2-s2.0-1&partnerID=40\n"
            "SN  - 03029743 (ISSN); 978-303148315-8 (ISBN)\nDB  - Scopus\nER  -\n")
    records, _ = _read(tmp_path, "scopus.ris", text)
    assert records["pmid"].tolist() == ["42727861", ""]
    assert records["isbn_issn"].tolist() == ["0166-4328", "03029743 (ISSN); 978-303148315-8 (ISBN)"]
    assert records["source_id"][0] == "2-s2.0-105050182459" and records["pages"][0] == "116469"


def test_scopus_untranslated_reference_type_reads_as_its_type_of_work(tmp_path):
    """Scopus wrote "TY  - label.ris.referenceType.SHORT_SURVEY" (the name of its label, untranslated) for a short
    survey in Nature (batestguy/avian-influenza-nigeria-systematic-review, scopus_export.ris): the record's type
    read so in the library; its M3 says "Short survey" (without M3, the label's own words)."""
    text = ("TY  - label.ris.referenceType.SHORT_SURVEY\nAU  - Check, E.\nTI  - Bird flu: On border patrol\n"
            "PY  - 2006\nT2  - Nature\nM3  - Short survey\nDB  - Scopus\nER  - \n\n"
            "TY  - label.ris.referenceType.SHORT_SURVEY\nAU  - Check, E.\nTI  - Bird flu again\nPY  - 2006\n"
            "T2  - Nature\nDB  - Scopus\nER  - \n")
    records, _ = _read(tmp_path, "scopus.ris", text)
    assert records["type"].tolist() == ["Short survey", "Short survey"]


def test_cochrane_library_trial_registry_record_has_no_author_and_says_what_it_is(tmp_path):
    """The Cochrane Library's RIS gives a register's record of a trial its registration number as the author
    ("AU  -  NCT06882096,") and types it JOUR, with "Trial registry record" in M3 (AlexTaiNguyen006/NMN-NR-
    systematic-review-meta-analysis, central.ris): the screening card and the library showed "NCT06882096" as
    its author. A record whose authors are people keeps them."""
    text = ("Record #1 of 2\nProvider: John Wiley & Sons, Ltd.\n\nTY  -  JOUR\nAN  -  CN-02824486\n"
            "AU  -  NCT06882096,\nTI  -  Tracing the Metabolic Flux of Orally Administered NAD+ Precursors\n"
            "JA  -  https://clinicaltrials.gov/ct2/show/NCT06882096\nPY  -  2025\nC3  -  CTgov NCT06882096\n"
            "M3  -  Trial registry record\nUR  -  https://www.cochranelibrary.com/central/doi/10.1002/central/"
            "CN-02824486/full\nER  -  \n\n\nRecord #2 of 2\n\nTY  -  JOUR\nAN  -  CN-02179724\nAU  -  Conze, D.\n"
            "AU  -  Brenner, C.\nTI  -  Safety of nicotinamide riboside\nJA  -  Scientific reports\nPY  -  2019\n"
            "C3  -  PUBMED 31278280,EMBASE 628449226\nUR  -  https://www.cochranelibrary.com/central/doi/10.1002/"
            "central/CN-02179724/full\nER  -  \n")
    records, _ = _read(tmp_path, "central.ris", text)
    assert records["authors"].tolist() == [[], ["Conze, D.", "Brenner, C."]]
    assert records["type"].tolist() == ["Trial registry record", "JOUR"]
    assert records["journal"].iloc[0] == "https://clinicaltrials.gov/ct2/show/NCT06882096"  # names the register


def test_ovid_medline_journal_codes_in_the_issue_field_are_no_issue(tmp_path):
    """Ovid's MEDLINE RIS writes the journal's NLM codes in IS where an article has no issue ("IS  - dvl, 8804476",
    "IS  - 0401664, du5"; 21 of the 84 records of ../shared's CiteSource medline_84.ris): read as issues they differ
    from every other database's issue of the same article. A real issue stays."""
    text = ("TY  - JOUR\nTI  - Maternal exposure to outdoor air pollution\nAU  - Melody, Shannon M\nPY  - 2019\n"
            "VL  - 244\nIS  - dvl, 8804476\nSP  - 915\nEP  - 925\nDB  - Ovid MEDLINE(R) <2019>\nER  - \n\n"
            "TY  - JOUR\nTI  - Smoke and lungs\nAU  - Liu, J C\nPY  - 2015\nVL  - 136\nIS  - 0401664, du5\nER  - \n\n"
            "TY  - JOUR\nTI  - Fire weather\nAU  - Jain, P\nPY  - 2017\nVL  - 26\nIS  - 6dr, 2985151r\nER  - \n\n"
            "TY  - JOUR\nTI  - Fire and asthma\nAU  - Lee, K\nPY  - 2018\nVL  - 9\nIS  - do6, 100898843\nER  - \n\n"
            "TY  - JOUR\nTI  - A supplement\nAU  - Roe, A\nPY  - 2017\nVL  - 26\nIS  - 3, Suppl 2\nER  - \n")
    records, _ = _read(tmp_path, "medline.ris", text)
    assert records["issue"].tolist() == ["", "", "", "", "3, Suppl 2"]
