"""Quirks met in exports of held-out set 10 (outside ../shared): databases and tools the readers had met least
(TRID, JSTOR, Publish or Perish, a bibliometrix data frame saved as CSV). Each test holds a few lines of its own in
the export's layout; the comment names the public file that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def test_trid_ris_is_named_and_its_project_year_pages_and_bodies_are_read(tmp_path):
    """TRID (the Transportation Research Board's database) signs its RIS only by each record's own page among its
    links: the report named no database. A research project's year comes as "Start date: 20170812" (it had
    none), an article's pages as "pp 37-64" (kept with the "pp"), and the bodies that wrote a report are among its
    authors ("Western Michigan University" became "University, W. M.")
    (CoLRev-Environment/colrev, tests/review_manager/3_packages_search/data/trid_ris.ris)."""
    text = ("TY  - ABST\nAN  - 01600001\nTI  - Bridges that heal themselves\nPY  - Start date: 20170812\n"
            "AB  - A project.\nUR  - https://trid.trb.org/view/1000001\nER  - \n\n"
            "TY  - JOUR\nAN  - 01600002\nJO  - Journal of Roads\nAU  - Okafor, C\nTI  - Potholes in winter\n"
            "PY  - 2018/04\nVL  - 78\nSP  - pp 37-64\nUR  - https://www.example.org/article/1\n"
            "UR  - https://trid.trb.org/view/1000002\nER  - \n\n"
            "TY  - RPRT\nAN  - 01600003\nAU  - Ruiz, A\nAU  - Western Michigan University\n"
            "AU  - Federal Highway Administration\nTI  - Salt and steel\nPY  - 2019/08/23\nSP  - 146p\n"
            "UR  - https://trid.trb.org/view/1000003\nER  - \n")
    records, report = _read(tmp_path, "trid.ris", text)
    assert report.database == "TRID"
    assert records["year"].tolist() == [2017, 2018, 2019]
    assert records["pages"].tolist() == ["", "37-64", "146p"]  # (146p: a report's number of pages, as written)
    assert records["authors"][2] == ["Ruiz, A.", "Western Michigan University", "Federal Highway Administration"]
    assert records["source_id"].tolist() == ["01600001", "01600002", "01600003"]


def test_jstor_ris_record_has_its_stable_id(tmp_path):
    """JSTOR's RIS has no accession number: its id is in the item's stable address, which was left unread, so
    every JSTOR record had no source id (colrev, tests/review_manager/3_packages_search/data/jstor_ris.ris). A
    record of another database that links its JSTOR copy keeps its own id (none here)."""
    text = ("Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset=\"UTF-8\"\n\n\n"
            "TY  - JOUR\nTI  - Rivers of the north\nAU  - Okafor, Chidi\nDB  - JSTOR\nPY  - 2016\nSP  - 30\nEP  - 33\n"
            "T2  - River Studies\nUR  - http://www.jstor.org/stable/40000001\nER  - \n\n\n\n\n"
            "Provider: JSTOR http://www.jstor.org\nDatabase: JSTOR\nContent: text/plain; charset=\"UTF-8\"\n\n\n"
            "TY  - CHAP\nTI  - Deltas\nAU  - Ruiz, Ana\nDB  - JSTOR\nPY  - 2019\nT2  - Water Worlds\n"
            "UR  - http://www.jstor.org/stable/j.ctv1000002.9\nER  - \n")
    records, report = _read(tmp_path, "jstor.ris", text)
    assert report.database == "JSTOR"
    assert records["source_id"].tolist() == ["40000001", "j.ctv1000002.9"]
    other = ("TY  - JOUR\nTI  - Rivers of the north\nDB  - Scopus\nPY  - 2016\n"
             "UR  - http://www.jstor.org/stable/40000001\nER  - \n")
    records, _ = _read(tmp_path, "other.ris", other)
    assert records["source_id"].tolist() == [""]


def test_publish_or_perish_link_format_is_no_record_type(tmp_path):
    """Publish or Perish's "Type" column holds Google Scholar's mark before a hit: "PDF" or "HTML" (the format of
    the link Scholar found) became the record's type; "BOOK" and "CITATION" are kinds of record and stay
    (funkepunkemonke/Research-trends-in-Propithecus-coquereli, PoPCites.csv)."""
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI\n"
            '11,"A Okafor, J Ruiz","Lemurs at the edge",2011,"Primates","Springer","https://example.org/a",'
            '"https://scholar.google.com/scholar?cites=1",1,"2022-06-03 12:54:03","PDF",""\n'
            '4,"A Okafor","Lemur diets",2017,"","example.org","https://example.org/b",'
            '"https://scholar.google.com/scholar?cites=2",2,"2022-06-03 12:54:03","BOOK",""\n'
            '2,"J Ruiz","Sifaka songs",2020,"Zoo Biology","Wiley","https://example.org/c",'
            '"https://scholar.google.com/scholar?cites=3",3,"2022-06-03 12:54:03","",""\n')
    records, report = _read(tmp_path, "PoPCites.csv", text)
    assert report.database == "Google Scholar"
    assert records["type"].tolist() == ["", "BOOK", ""]


def test_bibliometrix_data_frame_saved_as_csv_is_read_with_its_databases(tmp_path):
    """A bibliometrix data frame written with R's write.csv: Web of Science's tags as column names for every
    database's records, R's "NA" in empty cells, each record's database in DB. The generic reader left the type
    (DT) and the id (UT) unread and named no database but from the file's name; a PubMed record's pages are in PG
    as a range, where Web of Science's PG is a number of pages (wiryadana/Endocrine_COVID_pandemic, pubmed.csv)."""
    text = ('"","AU","AF","TI","SO","LA","DT","DE","AB","TC","SN","PY","VL","DI","PG","BP","EP","UT","PMID","DB",'
            '"SR"\n'
            '"OKAFOR C, 2021, RIVERS","OKAFOR C;RUIZ A","OKAFOR, CHIDI;RUIZ, ANA","FLOODS IN SPRING.","RIVERS",'
            '"ENG","JOURNAL ARTICLE","FLOOD;SPRING","AN ABSTRACT.",0,"1661-3791",2021,"16","10.1000/R.1",'
            '"135-143",NA,NA,"34000001","34000001","PUBMED","OKAFOR C, 2021, RIVERS"\n'
            '"SATO K, 2020, LAKES","SATO K","SATO, KEN","ICE ON LAKES.","LAKES","ENGLISH","ARTICLE","ICE",NA,3,'
            '"1000-0001",2020,"5","10.1000/L.2","12","101","112","WOS:000000000000002",NA,"ISI",'
            '"SATO K, 2020, LAKES"\n')
    records, report = _read(tmp_path, "M.csv", text)
    assert records["type"].tolist() == ["JOURNAL ARTICLE", "ARTICLE"]
    assert records["source_id"].tolist() == ["34000001", "WOS:000000000000002"]
    assert records["source_database"].tolist() == ["PubMed", "Web of Science"]
    assert records["pages"].tolist() == ["135-143", "101-112"]
    assert records["keywords"][0] == ["FLOOD", "SPRING"] and records["abstract"][1] == ""
    assert report.database == "bibliometrix"  # (records of two databases)


def test_springerlink_names_with_a_capital_inside_stay_one_author(tmp_path):
    """SpringerLink's CSV runs its authors' full names together ("Zahrah A. AlmusaylimNoor Zaman"); a name ends
    where a small letter meets a capital, so "Kevin MacDonald" and "Anna DeLuca" were cut in two ("Mac, K.",
    "Donald"). A Chinese family name "Du" before the next author still ends a name (the layout of
    CBurgardt/TASD-mestrado, SearchResults.csv; the names here are made up)."""
    text = ("Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,"
            "Publication Year,URL,Content Type\n"
            '"Rivers and clouds","Wireless Rivers","","25","6","10.1000/wr.1",'
            '"Kevin MacDonaldAnna DeLucaLi DuWei ZhangMary McNamara","2019",'
            '"http://link.springer.com/article/10.1000/wr.1","Article"\n')
    records, report = _read(tmp_path, "SearchResults.csv", text)
    assert report.database == "SpringerLink"
    assert records["authors"][0] == ["MacDonald, K.", "DeLuca, A.", "Du, L.", "Zhang, W.", "McNamara, M."]


def test_ebsco_bibtex_entry_with_braces_that_do_not_pair_in_a_keyword_is_read_by_lines(tmp_path):
    """EBSCOhost's BibTeX put text scraped from a web page among a record's keywords, with braces that do not
    pair ("Keywords = {Price fixing, ..., @type:Person}, @type:Person}, ...},"): the parser gave up and the record
    was rejected. EBSCOhost writes one field a line, so the entry is read one field a line, with a warning naming
    the field (colrev, tests/review_manager/3_packages_search/data/ebsco_bib.bib). An entry whose lines are not
    one field each stays rejected."""
    text = ("@article{100000001,\nAbstract = {Rivers rise.},\nAuthor = {Okafor, Chidi and Ruiz, Ana},\n"
            "Journal = {River Quarterly},\nTitle = {Floods.},\nYear = {2000},\n}\n\n"
            "@article{100000002,\nAbstract = {Lakes freeze},\nAuthor = {Ken Sato},\nJournal = {Lake Letters},\n"
            "Keywords = {Ice, Lakes, {name:Sato, x = 1}, y}, z, @type:Person}, tail},\n"
            "Title = {When lakes freeze.},\n}\n\n"
            "@article{100000003,\nTitle = {Broken {entry,\nYear = {2001},\n\n")
    records, report = _read(tmp_path, "ebsco.bib", text)
    assert report.found == 3 and len(records) == 2 and len(report.rejected) == 1
    assert records["title"].tolist() == ["Floods.", "When lakes freeze."]
    assert records["authors"][1] == ["Sato, K."] and records["journal"][1] == "Lake Letters"
    assert any("line 9" in w and "Keywords" in w for w in report.warnings), report.warnings


def test_vietnamese_middle_name_van_is_no_dutch_particle(tmp_path):
    """Names written given names first: "Nha Van Phan" (Văn, a Vietnamese middle name) was read as the Dutch
    particle and became "Van Phan, N.", where PubMed's copy of the same author is "Phan, N. V."; a Flemish "Van"
    before a family name that is not Vietnamese stays a particle (lisaphmm/bacteria-identification-systematic-review,
    springerlink.csv; the names here are made up)."""
    text = ("Item Title,Publication Title,Book Series Title,Journal Volume,Journal Issue,Item DOI,Authors,"
            "Publication Year,URL,Content Type\n"
            'Nasal sprays for children,Communications Medicine,,,,10.1000/cm.1,'
            '"Hoa Thi LeNha Van PhanAnh Thi Van NguyenFilip Van Immerseel",2025,'
            'https://link.springer.com/article/10.1000/cm.1,Article\n')
    records, _ = _read(tmp_path, "SearchResults.csv", text)
    assert records["authors"][0] == ["Le, H. T.", "Phan, N. V.", "Nguyen, A. T. V.", "Van Immerseel, F."]
