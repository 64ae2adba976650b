"""Quirks met in public exports of helper w31's held-out set (outside ../shared; /work/heldout/w31 lists them).
Each test holds a few lines of its own in the export's layout; the docstring names the public file that showed it."""
from __future__ import annotations

from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_acm_bibtex_degree_after_a_second_comma_is_no_given_name(tmp_path):
    """The ACM Digital Library writes some authors with their degree past a second comma ("Case, Amanda, Ph.D.";
    Wilson008/LLMinMDE2025, acm.bib, CHI '25 "Dango"). BibTeX reads three parts as "von Last, Jr, First", so the
    degree became the given name and the given name a suffix: "Case, P. D., Amanda". The degree is dropped, as
    the RIS reader drops ProQuest's ("Higa, Darrel H, PhD"); "Ford, Jr, Henry" keeps its suffix."""
    text = ("@inproceedings{10.1145/3706598.3714135,\n"
            "author = {Chen, Wei-Hao and Tong, Weixi and Case, Amanda, Ph.D. and Zhang, Tianyi and Ford, Jr, Henry"
            " and Okafor, Ada B., MD},\n"
            "title = {Dango: A Mixed-Initiative Data Wrangling System using Large Language Model},\n"
            "year = {2025},\ndoi = {10.1145/3706598.3714135},\n"
            "booktitle = {Proceedings of the 2025 CHI Conference on Human Factors in Computing Systems},\n"
            "articleno = {389},\nnumpages = {28},\nlocation = {\n},\nseries = {CHI '25}\n}\n")
    records, report = _read(tmp_path, "acm.bib", text)
    assert report.imported == 1
    assert records["authors"][0] == ["Chen, W.-H.", "Tong, W.", "Case, A.", "Zhang, T.", "Ford, H., Jr",
                                     "Okafor, A. B."]


IEEE_2017_HEADER = ('"Document Title",Authors,"Author Affiliations","Publication Title",Date Added To Xplore,'
                    '"Publication_Year","Volume","Issue","Start Page","End Page","Abstract","ISSN",ISBNs,"DOI",'
                    'Funding Information,PDF Link,"Author Keywords","IEEE Terms","INSPEC Controlled Terms",'
                    '"INSPEC Non-Controlled Terms","Mesh_Terms",Article Citation Count,"Reference Count",'
                    '"Copyright Year","License","Online Date",Issue Date,"Meeting Date","Publisher",'
                    'Document Identifier\n')


def test_ieee_csv_author_keywords_lose_the_word_keywords_that_opens_some(tmp_path):
    """IEEE Xplore's CSV opens the author keywords of some papers with the word "Keywords" (stefan-kolb/paas-
    definition, ieee.csv, FedCSIS 2015: "Keywords Reactive systems;cloud of sensors;..."): the first keyword was
    "Keywords Reactive systems", a term no other database gives. A keyword that is only "Keywords ..." in
    another row's IEEE Terms is not touched."""
    row = ('"A quality attributes approach to defining reactive systems solution applied to cloud of sensors",'
           '"A. Skowroński; J. Werewka","Schibsted Tech Polska, Krakow, Poland","2015 Federated Conference on '
           'Computer Science and Information Systems (FedCSIS)","20151109","2015","","","789","795","Reactive '
           'systems have been investigated.","","Electronic:978-8-3608-1065-1","10.15439/2015F117","",'
           '"https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=7321522","Keywords Reactive systems;cloud of '
           'sensors;tactics","Cloud computing;Pollution","cloud computing","CoS subsystem","","","21","","","",'
           '"13-16 Sept. 2015","","IEEE","IEEE Conferences"\n')
    records, report = _read(tmp_path, "ieee.csv", IEEE_2017_HEADER + row)
    assert report.database == "IEEE Xplore" and report.imported == 1
    assert records["keywords"][0] == ["Reactive systems", "cloud of sensors", "tactics", "Cloud computing",
                                      "Pollution"]
    assert records["pages"][0] == "789-795" and records["source_id"][0] == "7321522"


def test_springerlink_csv_of_2025_gives_its_year_in_a_column_named_year(tmp_path):
    """SpringerLink's newer "Download search results" CSV names its year column "Year", not "Publication Year"
    (danillocelino/slr_churn_unlearning_uid, springer.csv, 2026): every record was read without a year, which
    dedup and the PRISMA counts by year need, and nothing said so."""
    text = ("Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,Year,URL,"
            "Content Type\n"
            "Unlearning in distributed budget support vector machine,Soft Computing,,,,10.1007/s00500-025-10929-w,"
            "Angel Navia-Vázquez,2025,https://link.springer.com/article/10.1007/s00500-025-10929-w,Article\n"
            "Machine Unlearning in&#xa0;MRI Reconstruction to&#xa0;Balance Privacy Protection,Intelligent Computing,"
            ",,,10.1007/978-3-031-92605-1_27,Kasu MamathaDebajyoty Banik,2026,"
            "https://link.springer.com/chapter/10.1007/978-3-031-92605-1_27,Conference paper\n")
    records, report = _read(tmp_path, "springer.csv", text)
    assert report.database == "SpringerLink" and report.imported == 2
    assert records["year"].tolist() == [2025, 2026]
    assert records["authors"][1] == ["Mamatha, K.", "Banik, D."]
    assert records["title"][1] == "Machine Unlearning in MRI Reconstruction to Balance Privacy Protection"


def test_web_of_science_ris_accession_glued_to_the_last_we_line_is_the_record_id(tmp_path):
    """Web of Science's RIS (2022) writes some tags on the line before theirs, without a line end: "WE  - Social
    Science Citation Index (SSCI)AN  - WOS:000779383300004" (bchaihuaque/merge-systematic-review, wos.ris, 118
    kB, in every record read). The records had no id; the accession is the one a WoS plain-text export of the same
    search gives in UT. A record whose AN stands on its own line keeps it."""
    glued = ("TY  - JOUR\nAU  - Aguiar, L\nAU  - Gagnepain, P\nTI  - Absorptive capacity, knowledge spillovers and "
             "incentive contracts *\nT2  - INTERNATIONAL JOURNAL OF INDUSTRIAL ORGANIZATION\nLA  - English\n"
             "AD  - Univ Zurich, Dept Business Adm, Zurich, SwitzerlandAD  - Univ Paris 01, Paris Sch Econ, Paris, "
             "FranceFU  - Agence Nationale pour la Recherche\nPU  - ELSEVIER\nSN  - 0167-7187\nDA  - MAY\n"
             "PY  - 2022\nVL  - 82\nDO  - 10.1016/j.ijindorg.2022.102830\n"
             "WE  - Science Citation Index Expanded (SCI-EXPANDED)WE  - Social Science Citation Index (SSCI)"
             "AN  - WOS:000779383300004\nN1  - Times Cited in Web of Science Core Collection:  0\n"
             "Total Times Cited:  0\nCited Reference Count:  40\nER  -\n\n")
    own_line = ("TY  - JOUR\nAU  - Mu, JF\nTI  - Absorptive and disseminative capacity\nT2  - EXPERT SYSTEMS WITH "
                "APPLICATIONS\nPY  - 2010\nWE  - Social Science Citation Index (SSCI)\nAN  - WOS:000271571000005\n"
                "ER  -\n\n")
    records, report = _read(tmp_path, "wos.ris", glued + own_line)
    assert report.imported == 2
    assert records["source_id"].tolist() == ["WOS:000779383300004", "WOS:000271571000005"]
    assert records["year"].tolist() == [2022, 2010] and records["volume"][0] == "82"


def test_sciencedirect_bibtex_one_keyword_a_field_gives_every_keyword(tmp_path):
    """ScienceDirect's BibTeX of about 2016 writes each keyword in a "keywords" field of its own (lhsantos/
    sysreview-elderly, sd.bib, 12 fields in one entry). Only the first was read, and every record had a warning
    "keywords given twice; first value used" though nothing was wrong with the file. Every keyword is read,
    without a warning; another field given twice still keeps its first value and says so."""
    text = ('@article{Khosravi201617,\ntitle = "Investigating the effectiveness of technologies applied to assist '
            'seniors: A systematic literature review ",\njournal = "International Journal of Medical Informatics ",\n'
            'volume = "85",\nnumber = "1",\npages = "17 - 26",\nyear = "2016",\nnote = "",\nissn = "1386-5056",\n'
            'doi = "http://dx.doi.org/10.1016/j.ijmedinf.2015.05.014",\n'
            'url = "http://www.sciencedirect.com/science/article/pii/S1386505615300034",\n'
            'author = "Pouria Khosravi and Amir Hossein Ghapanchi",\nkeywords = "Assistive technology",\n'
            'keywords = "Senior",\nkeywords = "Aged care ",\n'
            'abstract = "AbstractBackground Recently, a number of technologies have emerged. "\n}\n'
            '@article{Twice2016,\ntitle = "First title",\ntitle = "Second title",\nyear = "2016",\n'
            'keywords = "One",\nkeywords = "Two"\n}\n')
    records, report = _read(tmp_path, "sd.bib", text)
    assert report.imported == 2
    assert records["keywords"].tolist() == [["Assistive technology", "Senior", "Aged care"], ["One", "Two"]]
    assert records["pages"][0] == "17-26" and records["doi"][0] == "10.1016/j.ijmedinf.2015.05.014"
    assert records["title"][1] == "First title"
    assert report.warnings == ["record 2 (line 18): field(s) title given twice; first value used; imported"]


def test_zoological_record_through_web_of_science_gives_its_pages_in_ps(tmp_path):
    """Zoological Record's plain text from Web of Science has no BP/EP: each record's pages are one PS line ("PS
    134-141", "PS i-iv, 1-74", an article number "PS duz039"; elizagrames/litsearchr, inst/extdata/zoorec.txt).
    Every record was read without pages. A Web of Science Core Collection record keeps its BP-EP."""
    zoorec = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
              "PT J\nAN ZOOR15508049637\nDT Article\nTI Predictors of habitat use and nesting success for two "
              "sympatric species\n   of boreal woodpeckers in an unburned, managed forest landscape.\n"
              "AU Craig, Catherine\n   Villard, Marc-Andre (mvillard@mta.ca) \nSO Forest Ecology and Management\n"
              "VL 438\nPS 134-141\nPD Apr 15 2019\nPY 2019\nLA English\nUT ZOOREC:ZOOR15508049637\nER\n\n"
              "PT J\nAN ZOOR15510067589\nDT Article\nTI FIRE-BIRD: A GIS-based toolset.\nAU Latif, Quresh S.\n"
              "SO U S Forest Service Rocky Mountain Research Station General Technical\n   Report RMRS-GTR\n"
              "VL 391\nPS i-iv, 1-74\nPY 2019\nUT ZOOREC:ZOOR15510067589\nER\n\n"
              "PT J\nAN ZOOR15512090342\nTI Nest site selection after wildfire.\nAU Stillman, Andrew N. "
              "(andrew.stillman@uconn.edu) \nSO Condor\nVL 121\nIS 3\nPS duz039\nPY 2019\n"
              "UT ZOOREC:ZOOR15512090342\nER\n\n"
              "PT J\nAU Okafor, C\nAF Okafor, Chidi\nTI A core collection paper\nSO FORESTS\nPY 2020\nVL 11\n"
              "BP 1\nEP 12\nAR 345\nUT WOS:000500000000001\nER\n\nEF\n")
    records, report = _read(tmp_path, "zoorec.txt", zoorec)
    assert report.imported == 4
    assert records["pages"].tolist() == ["134-141", "i-iv, 1-74", "duz039", "345"]
    assert records["authors"][0] == ["Craig, C.", "Villard, M.-A."]
    assert records["authors"][2] == ["Stillman, A. N."]


def test_embase_csv_of_the_default_fields_splits_keywords_and_reads_article_numbers(tmp_path):
    """Embase.com's CSV of its default fields (2025: no "Embase Link", "PUI" or Emtree columns; DevInnovationLab/
    i-h2o-living-meta, data/embase.csv) fitted no layout: its author keywords, joined with a bare comma, were one
    keyword ("Critically ill patients,Diarrhea,Probiotics"), and an article known only by its number in "Source"
    ("13:1 Article Number: 31") had no pages."""
    header = ("Title,Original Title,Author Names,AiP/IP Entry Date,Full Record Entry Date,Source,Source title,"
              "Publication Year,Volume,Issue,First Page,Last Page,Date of Publication,Publication Type,ISSN,Abstract,"
              "Original Abstract,Author Keywords,DOI,Full Text Link\n")
    rows = ('Probiotic treatment in an intensive care unit: a narrative review,,Takeaki S.,6/11/25,6/24/25,'
            'Journal of Intensive Care (2025) 13:1 Article Number: 31. Date of Publication: 1 Dec 2025,'
            'Journal of Intensive Care,2025,13,1,,,1-Dec-25,Review,2052-0492 (electronic),"Diarrhea is common.",,'
            '"Critically ill patients,Diarrhea,Probiotics",10.1186/s40560-025-00803-0,'
            'http://dx.doi.org/10.1186/s40560-025-00803-0\n'
            'Use of pectin-supplemented enteral nutrition in intensive care,,"Huang H.-B., Zhu Y.-B., Yu D.-X.",'
            '5/14/25,5/20/25,Clinical Nutrition ESPEN (2025) 68 (62-70). Date of Publication: 1 Aug 2025,'
            'Clinical Nutrition ESPEN,2025,68,,62,70,1-Aug-25,Article,2405-4577 (electronic),"Background: Pectin.",,'
            '"Critical illness,Diarrhea",10.1016/j.clnesp.2025.04.008,http://dx.doi.org/10.1016/j.clnesp.2025.04.008\n')
    records, report = _read(tmp_path, "export.csv", header + rows)
    assert report.database == "Embase" and report.imported == 2
    assert records["keywords"].tolist() == [["Critically ill patients", "Diarrhea", "Probiotics"],
                                            ["Critical illness", "Diarrhea"]]
    assert records["pages"].tolist() == ["31", "62-70"]
    assert records["authors"][1] == ["Huang, H.-B.", "Zhu, Y.-B.", "Yu, D.-X."]
    assert records["volume"].tolist() == ["13", "68"] and records["issue"].tolist() == ["1", ""]


SCOPUS_2025_HEADER = ("Authors,Author full names,Author(s) ID,Title,Year,Source title,Volume,Issue,Art. No.,Page start,"
                      "Page end,Page count,Cited by,DOI,Link,Abstract,Author Keywords,Index Keywords,PubMed ID,"
                      "Document Type,Publication Stage,Open Access,Source,EID\n")


def test_scopus_csv_of_2025_names_with_initials_first_are_read(tmp_path):
    """Scopus's CSV of 2025 writes each name of "Authors" with its initials first: "E.A., Bradley, Elizabeth A.;
    B.G., Lockaby, B. Graeme" (DevInnovationLab/i-h2o-living-meta, data/scopus.csv, every row). They were read
    as the family names "E.A.", "B.G." with the initials of the rest ("E.A., B. E. A."), and a paper by one author
    ("L., Yohannes, Lamrot") became three. Older layouts ("Wilson L.N.; Gardner J.D.") read as before."""
    rows = ('"E.A., Bradley, Elizabeth A.; B.G., Lockaby, B. Graeme; E.H.J., Lee, Ellen Hyun Ju","Bradley, Elizabeth '
            'A. (57226631324); Lockaby, B. Graeme (7003976888); Lee, Ellen Hyun Ju (22938206600)",57226631324; '
            '7003976888; 22938206600,Large-scale assessment of the impacts of invasive wild pigs,2025,Scientific '
            'Reports,15,1,19055,,,0,0,10.1038/s41598-025-03477-8,https://www.scopus.com/inward/record.uri?eid=2-s2.0-'
            '105006932637,"Highly competent hosts.","Fresh Water; Animal",fresh water,40447705,Article,Final,,Scopus,'
            '2-s2.0-105006932637\n'
            '"L., Yohannes, Lamrot","Yohannes, Lamrot (57222244434)",57222244434,Bacteriological quality of drinking '
            'water,2025,Scientific Reports,15,1,13390,,,0,0,10.1038/s41598-025-96490-w,,"Access to safe water.",,,'
            '40251255,Article,Final,,Scopus,2-s2.0-105003162551\n'
            '"Wilson L.N.; Gardner J.D.",,,An older row,2021,Water,3,,,1,9,9,0,,,,,,,Article,Final,,Scopus,'
            '2-s2.0-85000000001\n')
    records, report = _read(tmp_path, "scopus.csv", SCOPUS_2025_HEADER + rows)
    assert report.database == "Scopus" and report.imported == 3
    assert records["authors"].tolist() == [["Bradley, E. A.", "Lockaby, B. G.", "Lee, E. H. J."], ["Yohannes, L."],
                                           ["Wilson, L. N.", "Gardner, J. D."]]


def test_scopus_bibtex_record_id_is_the_eid_of_its_link_not_the_author_year_key(tmp_path):
    """Scopus's BibTeX keys records by first author and year ("Zhang2025"; imrafaela/bibliography, scopus.bib,
    export of 16 October 2025), so two papers of one export can share one key, and a record's id differed from
    the one the same search's CSV or RIS gives (the EID). The id is the EID of the record's link; the key stays in
    raw. Another BibTeX keeps its key."""
    text = ("Scopus\nEXPORT DATE: 16 October 2025\n\n"
            "@ARTICLE{Zhang2025,\nauthor={Zhang, N. and Liu, C.},\ntitle={Study on the psychophysiological "
            "responses under dynamic illuminance},\njournal={Journal of Building Engineering},\nyear={2025},\n"
            "volume={112},\ndoi={10.1016/j.jobe.2025.113766},\nart_number={113766},\nnote={cited By 0},\n"
            "url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-105013644335&doi=10.1016%2fj.jobe.2025.113766"
            "&partnerID=40&md5=f2f3ff384a1b8c5c55e86114c4dda1d3},\ndocument_type={Article},\nsource={Scopus},\n}\n\n"
            "@ARTICLE{Zhang2025a,\nauthor={Zhang, M.},\ntitle={Another paper},\njournal={Buildings},\nyear={2025},\n"
            "url={https://www.scopus.com/inward/record.uri?eid=2-s2.0-105014333567&partnerID=40},\nsource={Scopus},\n}"
            "\n")
    records, report = _read(tmp_path, "scopus.bib", text)
    assert report.database == "Scopus" and report.imported == 2
    assert records["source_id"].tolist() == ["2-s2.0-105013644335", "2-s2.0-105014333567"]
    assert records["raw"][0]["ID"] == "Zhang2025"
    other, _ = _read(tmp_path, "other.bib", "@article{Smith2020,\ntitle={A paper},\nyear={2020},\n"
                                             "url={https://example.org/paper}\n}\n")
    assert other["source_id"][0] == "Smith2020"


def test_medline_article_number_given_as_a_numeric_pii_is_the_pages(tmp_path):
    """PubMed writes no PG for an MDPI article of 2024 and gives its number as a publisher item id ("LID - 7838
    [pii]" beside "LID - 10.3390/s24237838 [doi]"; imrafaela/bibliography, medline.txt, Sensors 24(23)): the
    record had no pages, where PubMed cites "24(23):7838" and Scopus gives 7838. Elsevier's piis are no number."""
    text = ("PMID- 39686375\nOWN - NLM\nSTAT- MEDLINE\nVI  - 24\nIP  - 23\nDP  - 2024 Dec 8\nTI  - Brain and "
            "Subjective Responses to Indoor Environments Related to\n      Concentration and Creativity.\n"
            "LID - 7838 [pii]\nLID - 10.3390/s24237838 [doi]\nFAU - Wang, Ze-Yu\nAU  - Wang ZY\nPT  - Journal "
            "Article\nTA  - Sensors (Basel)\nJT  - Sensors (Basel, Switzerland)\nAID - s24237838 [pii]\n"
            "AID - 10.3390/s24237838 [doi]\nSO  - Sensors (Basel). 2024 Dec 8;24(23). pii: s24237838. doi:\n"
            "      10.3390/s24237838.\n\n"
            "PMID- 25000001\nOWN - NLM\nVI  - 5\nDP  - 2014\nTI  - An Elsevier paper.\n"
            "LID - S0165-0270(14)00287-8 [pii]\nLID - 10.1016/j.jneumeth.2014.08.001 [doi]\nAU  - Smith J\n"
            "SO  - J Neurosci Methods. 2014;5.\n")
    records, report = _read(tmp_path, "pubmed.nbib", text)
    assert report.imported == 2
    assert records["pages"].tolist() == ["7838", ""]


def test_zoological_record_descriptors_are_keywords_one_by_one(tmp_path):
    """Zoological Record's DE names the organisms, then bracketed descriptor groups (elizagrames/litsearchr,
    inst/extdata/zoorec.txt): the last keyword of each record was the whole line, "Picoides arcticus [Breeding site
    / Nest site selection / ] [Fire / Wildfire / ] [California / Plumas & Lassen National Forests / ].", which no
    keyword map or search can use. A Core Collection record's keywords are left as they are."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\n"
            "PT J\nAN ZOOR15512090342\nTI Nest site selection after wildfire.\nAU Stillman, Andrew N.\nSO Condor\n"
            "PY 2019\nDE Picoides arcticus [Conservation measures / Management implications /\n"
            "   habitat characteristics] [Habitat management /  / ] [Breeding site /\n   Nest site selection / ] "
            "[Fire /\n   Wildfire / ] [California / Plumas & Lassen National Forests / ]. \n"
            "UT ZOOREC:ZOOR15512090342\nER\n\n"
            "PT J\nAU Okafor, C\nTI A core collection paper\nSO FORESTS\nPY 2020\n"
            "DE fire [severity]; woodpeckers\nUT WOS:000500000000001\nER\n\nEF\n")
    records, report = _read(tmp_path, "zoorec.txt", text)
    assert report.imported == 2
    assert records["keywords"][0] == ["Picoides arcticus", "Conservation measures", "Management implications",
                                      "habitat characteristics", "Habitat management", "Breeding site",
                                      "Nest site selection", "Fire", "Wildfire", "California",
                                      "Plumas & Lassen National Forests"]
    assert records["keywords"][1] == ["fire [severity]", "woodpeckers"]
