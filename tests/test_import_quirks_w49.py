"""Quirks met in table and XML exports read by helper w49 (outside ../shared): EndNote XML libraries, Zotero's CSL
JSON, BibTeX of Web of Science and Scopus, Lens.org and Publish or Perish CSV. Each test holds a few lines of its own
in the export's layout; the docstring names the public file that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _endnote_record(number: int, title: str, database: str = "") -> str:
    """One EndNote 22 XML record, with the database it was imported from and its EBSCOhost link when ``database``
    is given."""
    style = '<style face="normal" font="default" size="100%">{}</style>'
    link = (f"https://search.ebscohost.com/login.aspx?direct=true&amp;db={database.lower()}&amp;AN=ED{number}"
            "&amp;site=ehost-live")
    remote = (f"<urls><related-urls><url>{style.format(link)}</url></related-urls></urls>"
              f"<remote-database-name>{style.format(database)}</remote-database-name>"
              f"<remote-database-provider>{style.format('EBSCOhost')}</remote-database-provider>" if database else "")
    return (f'<record><database name="My EndNote Library.enl" path="/Users/x/My EndNote Library.enl">My EndNote '
            f'Library.enl</database><source-app name="EndNote" version="22.0">EndNote</source-app>'
            f'<rec-number>{number}</rec-number><ref-type name="Journal Article">17</ref-type><contributors><authors>'
            f"<author>{style.format('Okafor, Ada')}</author></authors></contributors><titles><title>"
            f"{style.format(title)}</title></titles><dates><year>{style.format('2019')}</year></dates>{remote}"
            "</record>")


def test_endnote_library_is_not_named_after_the_database_of_a_few_of_its_records(tmp_path):
    """An EndNote library holds records imported from several places; each may name its database
    (``remote-database-name``). One ERIC record among three (smart-knowledge-systems/Research-Assitant, My EndNote
    Library.xml: an ERIC report, a publisher's paper, a ProQuest thesis) named the whole library "ERIC", and so
    every record of it in the PRISMA counts, and so did that record's EBSCOhost link ("...&db=eric&..."). As for the
    other signatures of a database, the name must be on at least half the records; a library of one database's
    records keeps its name."""
    mixed = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records>'
             + _endnote_record(12, "Reading in the early years", "ERIC")
             + _endnote_record(487, "Word embeddings for organisations")
             + _endnote_record(515, "Literacy coaching in practice")
             + _endnote_record(516, "Coaching and teachers") + "</records></xml>")
    records, report = _read(tmp_path, "library.xml", mixed)
    assert report.format == "endnote_xml" and report.imported == 4
    assert report.database == ""
    one = ('<?xml version="1.0" encoding="UTF-8" ?><xml><records>'
           + "".join(_endnote_record(n, f"Paper {n}", "ERIC") for n in range(1, 4))
           + _endnote_record(4, "Paper 4") + "</records></xml>")
    _, report = _read(tmp_path, "eric.xml", one)
    assert report.database == "ERIC"


def test_web_of_science_bibtex_unspecified_article_number_in_doubled_braces(tmp_path):
    """Web of Science's BibTeX of about 2018 doubles every field's braces and marks an article number it took
    unverified from the publisher "UNSP" (``Article-Number = {{UNSP 53}}``; SensorNet-UFAL/slrqqanalysis,
    articles35.bib, an Electronics paper of 2016): the pages were "UNSP 53", where the same record's plain-text
    export ("AR UNSP 53") and the single-braced BibTeX give 53."""
    text = ("@article{ ISI:000385490400099,\nAuthor = {Okafor, Ada and Lin, Mei},\n"
            "Title = {{A toolsuite for harvesting robots}},\nJournal = {{ELECTRONICS}},\nYear = {{2016}},\n"
            "Volume = {{5}},\nNumber = {{3}},\nArticle-Number = {{UNSP 53}},\n"
            "Unique-ID = {{ISI:000385490400099}},\n}\n\n"
            "@article{ ISI:000385490400100,\nAuthor = {Okafor, Ada},\nTitle = {{A second toolsuite}},\n"
            "Journal = {{ELECTRONICS}},\nYear = {{2016}},\nArticle-Number = {{1810}},\n"
            "Unique-ID = {{ISI:000385490400100}},\n}\n")
    records, report = _read(tmp_path, "savedrecs.bib", text)
    assert report.imported == 2
    assert records["pages"].tolist() == ["53", "1810"]


def test_lens_csv_with_chosen_columns_keeps_its_lens_ids(tmp_path):
    """Lens.org lets a reviewer choose the columns of its CSV; one without "Author/s" (mtbrazilll/easy_esg,
    lens-export.csv: Lens ID, Title, Publication Year, Publication Type, Publisher, ..., Keywords, DOI) was not read
    with Lens's columns but with the common spellings, so no record kept its Lens ID, the key that finds it again
    in Lens. Its "Fields of Study" are Lens's own subject terms, not the authors' keywords."""
    text = ("Lens ID,Title,Publication Year,Publication Type,Publisher,Source Country,Fields of Study,Keywords,DOI,"
            "Citing Works Count\n"
            "196-828-638-416-522,A paper antenna for short-lived tags,2021,conference proceedings article,IEEE,India,"
            "Ultra high frequency; Antenna (radio),,10.1109/inc.2021.9726371,3\n"
            "015-351-303-414-60X,A flexible tag for crowded devices,2020,journal article,MDPI,Switzerland,"
            "Smart city; Wireless,passive UHF tag; smart cities,10.3390/s20195713,18\n")
    records, report = _read(tmp_path, "lens-export.csv", text)
    assert report.database == "Lens.org" and report.imported == 2
    assert records["source_id"].tolist() == ["196-828-638-416-522", "015-351-303-414-60X"]
    assert records["keywords"].tolist() == [[], ["passive UHF tag", "smart cities"]]
    assert records["type"].tolist() == ["conference proceedings article", "journal article"]


def test_better_bibtex_json_library_says_what_to_export_instead(tmp_path):
    """Zotero's Better BibTeX add-on saves a library as its own JSON (collections, its settings under "config" with
    ``"label": "BetterBibTeX JSON"``, then the items with Zotero's field names: ``creators``, ``itemType``;
    conig/zot, My Library.json). No reader knows it, and the error said only "unknown format (first line: '{')"
    where it should say what to export instead, as it does for Zotero RDF."""
    import pytest
    from synthesis.io import ImportFailure

    text = ('{\n  "collections": {\n    "26PPXK6V": {\n      "collections": [],\n      "items": [3, 4],\n'
            '      "key": "26PPXK6V",\n      "name": "Adjunct",\n      "parent": ""\n    }\n  },\n'
            '  "config": {\n    "id": "36a3b0b5",\n    "label": "BetterBibTeX JSON",\n    "options": {}\n  },\n'
            '  "items": [\n    {\n      "itemType": "journalArticle",\n      "title": "Teaching statistics online",\n'
            '      "creators": [{"creatorType": "author", "firstName": "Ada", "lastName": "Okafor"}]\n    }\n  ]\n}')
    with pytest.raises(ImportFailure, match="Better BibTeX JSON.*CSL JSON"):
        _read(tmp_path, "My Library.json", text)


def test_a_name_with_its_transliteration_in_brackets_gives_no_bracket_initials(tmp_path):
    """A catalogue of Armenian books writes each name in Armenian with its transliteration in brackets, family and
    given name alike (armen-bibliography/ArmEnBib, Exported Items.json: "family": "Ադոնց [Adonc῾]", "given":
    "Նիկողայոս [Nikołayos]"). The brackets became initials: "Ադոնց [Adonc῾], Ն. [." and, from "Ա. Գ. [A.G.]",
    "Ա. Գ. [. G. ].". The bracketed form is the same name again: the name is read without it. A family name alone
    keeps its place ("Ա-Դո [A-Do]" was turned round into "[A-Do], Ա.-Դ.")."""
    text = ('[{"id": "a1", "type": "book", "title": "Վանքերի պատմություն [A history of monasteries]",'
            ' "author": [{"family": "Վարդանյան [Vardanyan]", "given": "Անահիտ [Anahit]"},'
            ' {"family": "Պետրոսյան [Petrosyan]", "given": "Ա. Գ. [A.G.]"}],'
            ' "issued": {"date-parts": [["1978"]]}},'
            ' {"id": "a2", "type": "book", "title": "Մեծ դեպքեր [Great events]",'
            ' "author": [{"family": "Ա-Դո [A-Do]", "given": ""}], "issued": {"date-parts": [["1917"]]}}]')
    records, report = _read(tmp_path, "Exported Items.json", text)
    assert report.format == "csl_json" and report.imported == 2
    assert records["authors"].tolist() == [["Վարդանյան, Ա.", "Պետրոսյան, Ա. Գ."], ["Ա-Դո"]]


def test_csl_json_doi_kept_in_zoteros_extra_note(tmp_path):
    """Zotero keeps a field that its item type has not (a book's DOI, before Zotero 7) in "Extra", one "Key: value"
    a line, which its CSL JSON writes as the item's "note" (kishkash555/NLP-for-TA, My Library.json: a handbook with
    "note": "page: 502\\nDOI: 10.4337/9781783477388"). The DOI was lost, and with it the surest key deduplication
    has; a DOI field of the item's own still comes first."""
    text = ('[{"id": "b1", "type": "book", "title": "Handbook of retail economics",'
            ' "note": "page: 502\\nDOI: 10.4337/9781783400001", "author": [{"family": "Okafor", "given": "A."}],'
            ' "issued": {"date-parts": [["2016"]]}},'
            ' {"id": "b2", "type": "article-journal", "title": "A second paper", "DOI": "10.1016/j.x.2020.1",'
            ' "note": "DOI: 10.9999/not-this-one"},'
            ' {"id": "b3", "type": "report", "title": "A report", "note": "See the DOI: in the appendix"}]')
    records, report = _read(tmp_path, "My Library.json", text)
    assert report.imported == 3
    assert records["doi"].tolist() == ["10.4337/9781783400001", "10.1016/j.x.2020.1", ""]


def test_an_elsevier_pii_given_as_the_page_is_no_page(tmp_path):
    """Crossref gives an Elsevier article in press its PII as the page, and Zotero's DOI lookup keeps it
    (kishkash555/NLP-for-TA, My Library.json: "page": "S0377221720307499" for a 2020 paper of the European Journal of
    Operational Research). Compared with the printed pages of the same paper from another database it spoke against a
    duplicate; it is no page. A supplement's pages ("S12-S19") stay."""
    text = ('[{"id": "c1", "type": "article-journal", "title": "Sharing revenue on platforms",'
            ' "container-title": "European Journal of Operational Research", "page": "S0377221720301234",'
            ' "DOI": "10.1016/j.ejor.2020.01.001", "issued": {"date-parts": [["2020", 8]]}},'
            ' {"id": "c2", "type": "article-journal", "title": "A supplement paper", "page": "S12-S19"}]')
    records, report = _read(tmp_path, "My Library.json", text)
    assert records["pages"].tolist() == ["", "S12-S19"]


POP_HEADER = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,GSRank,QueryDate,Type,DOI,ISSN,"
              "CitationURL,Volume,Issue,StartPage,EndPage,ECC,CitesPerYear,CitesPerAuthor,AuthorCount,Age,Abstract\n")


def test_publish_or_perish_scholar_host_name_is_no_journal(tmp_path):
    """Google Scholar writes a hit found on a web site with no venue as "authors - site" and Publish or Perish puts
    the site's host name in Source, Publisher left empty (ChoroDev/master-degree-graduation-project, PoPCites.csv:
    Source "nnov.hse.ru", "109.251.126.23", "sysprog.info"): read as the journal, a host name stood beside real
    journals. A venue with its publisher's site stays. Scholar's own address also ran into a link to an FTP server
    ("https://scholar.google.comftp://109.251.126.23/..."): the record's link is the server's."""
    rows = ('0,"ОЕ Антипов, МА Белов",Виртуальная лаборатория,,nnov.hse.ru,,https://nnov.hse.ru/data/lab.pdf,,'
            '45,2021-08-07 17:02:08,PDF,,,,,,,,0,0,0,2,,\n'
            '0,НИ Лиманова,Архитектура сетей,,109.251.126.23,,https://scholar.google.comftp://109.251.126.23/arch.pdf,,'
            '59,2021-08-07 17:02:08,PDF,,,,,,,,0,0,0,1,,\n'
            '12,"KG Okafor, P Lin",Machine learning on farms,2018,Sensors,mdpi.com,'
            'https://www.mdpi.com/1424-8220/18/8/1,,1,2021-08-07 17:02:08,HTML,,,,,,,,12,2,6,2,6,\n')
    records, report = _read(tmp_path, "PoPCites.csv", POP_HEADER + rows)
    assert report.imported == 3
    assert records["journal"].tolist() == ["", "", "Sensors"]
    assert records["url"].tolist() == ["https://nnov.hse.ru/data/lab.pdf", "ftp://109.251.126.23/arch.pdf",
                                       "https://www.mdpi.com/1424-8220/18/8/1"]


def test_a_particle_written_after_the_given_names_belongs_to_the_family_name(tmp_path):
    """Scopus's BibTeX writes some Portuguese and Dutch names with the family name's particle after the given names
    ("Paula, Vanessa Romário de"; igorcmvaz/wblca-brazil-bibliography, 29_04_2025_Scopus.bib, a paper of 2022 in the
    Journal of Cleaner Production). The particle became an initial, "Paula, V. R. D.", where Web of Science writes
    the same author "de Paula, V. R.". A particle in lower case is no given name; a capitalised word may be one
    ("Bouder, Hélène Le" stays as it is)."""
    text = ("@ARTICLE{Okafor2022,\n\tauthor = {Okafor, Ada Maria and Paula, Vanessa Romário de and "
            "de Francisco, Antonio Carlos and Berg, Jan van den and Bouder, Hélène Le},\n"
            "\ttitle = {An analysis of milk production systems},\n\tyear = {2022},\n"
            "\tjournal = {Journal of Cleaner Production},\n\tsource = {Scopus},\n}\n")
    records, report = _read(tmp_path, "scopus.bib", text)
    assert records["authors"][0] == ["Okafor, A. M.", "de Paula, V. R.", "de Francisco, A. C.", "van den Berg, J.",
                                     "Bouder, H. L."]


def test_csl_json_conference_paper_venue_from_its_event(tmp_path):
    """A conference paper that Zotero knows only by its conference gives CSL JSON an "event" (CSL 1.0.2:
    "event-title") and no "container-title" (kishkash555/NLP-for-TA, My Library.json: "31st AAAI Conference on
    Artificial Intelligence, AAAI 2017"): the record had no venue, where Scopus names the same paper's source by the
    conference. A container title, where there is one, stays the venue."""
    text = ('[{"id": "d1", "type": "paper-conference", "event": "31st Conference on Harvest Robots, CHR 2017",'
            ' "page": "319-327", "title": "Signals in auctions of crops", "issued": {"date-parts": [["2017"]]}},'
            ' {"id": "d2", "type": "paper-conference", "event-title": "CHR 2018", "title": "More signals"},'
            ' {"id": "d3", "type": "paper-conference", "event": "CHR 2019",'
            ' "container-title": "Proceedings of CHR 2019", "title": "Yet more signals"}]')
    records, report = _read(tmp_path, "My Library.json", text)
    assert records["journal"].tolist() == ["31st Conference on Harvest Robots, CHR 2017", "CHR 2018",
                                           "Proceedings of CHR 2019"]
