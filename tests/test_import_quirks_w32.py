"""Exports nobody had read the readers against before (round w32): a Covidence export of WHO COVID-19 database
records, Ovid's RIS of MEDLINE, Web of Science's Book Citation Index, EBSCOhost's Fonte Acadêmica, a Zotero BibTeX
of items made from Web of Science rows, Publish or Perish with a short header, Zotero's CSV of IEEE Xplore papers and
a library discovery system's RIS. A few lines of each, as the export wrote them (inline, so that the tests run
anywhere), and what a reviewer must get from them. The files and their provenance are under ``../heldout/w32``."""
from __future__ import annotations

from test_import_probe_q import _read  # write the lines, read them as an export: (records as dicts, report)


#: Zotero's CSV columns (its export writes all of them, most empty).
_ZOTERO_COLUMNS = (
    "Key", "Item Type", "Publication Year", "Author", "Title", "Publication Title", "ISBN", "ISSN", "DOI", "Url",
    "Abstract Note", "Date", "Date Added", "Date Modified", "Access Date", "Pages", "Num Pages", "Issue", "Volume",
    "Number Of Volumes", "Journal Abbreviation", "Short Title", "Series", "Series Number", "Series Text",
    "Series Title", "Publisher", "Place", "Language", "Rights", "Type", "Archive", "Archive Location",
    "Library Catalog", "Call Number", "Extra", "Notes", "File Attachments", "Link Attachments", "Manual Tags",
    "Automatic Tags", "Editor", "Series Editor", "Translator", "Contributor", "Attorney Agent", "Book Author",
    "Cast Member", "Commenter", "Composer", "Cosponsor", "Counsel", "Interviewer", "Producer", "Recipient",
    "Reviewed Author", "Scriptwriter", "Words By", "Guest", "Number", "Edition", "Running Time", "Scale", "Medium",
    "Artwork Size", "Filing Date", "Application Number", "Assignee", "Issuing Authority", "Country",
    "Meeting Name", "Conference Name", "Court", "References", "Reporter", "Legal Status", "Priority Numbers",
    "Programming Language", "Version", "System", "Code", "Code Number", "Section", "Session", "Committee",
    "History", "Legislative Body")

_COVIDENCE_HEADER = ("Title,Authors,Abstract,Published Year,Published Month,Journal,Volume,Issue,Pages,"
                     "Accession Number,DOI,Ref,Covidence #,Study,Notes,Tags\n")


def test_corporate_author_split_at_its_last_comma_is_kept_whole(tmp_path):
    """Covidence writes a group's name (a ministry, from the WHO COVID-19 database) as if it were a person's,
    splitting it at its last word ("Ministerio de Salud Publica y Bienestar, Social"): it became a person with
    the initial "S.", and "Pará . Secretaria de, Saúde" one with the initial "S.". A family name cannot end with
    "de" or "y", and six words are a group's name: the name is kept whole, in its own order."""
    text = _COVIDENCE_HEADER + (
        'Plano de contingência estadual para infecção humana pelo novo Coronavírus (2019-nCoV) no Pará,'
        '"Pará . Secretaria de, Saúde",,2020,,,,,,,,19549,#19236,Pará 2020,"",Awaiting classification\n'
        'Flujograma de manejo en la paciente embarazada en el contexto de IRA,"Ministerio de Salud Publica y '
        'Bienestar, Social; Sociedad Paraguaya de Obstetricia y, Ginecologìa",,2020,,,,,2 p-2 p,,,19511,#19243,'
        'MinisteriodeSaludPublicayBienestar 2020,"",Awaiting classification\n'
        'Midwives in a pandemic: A call for solidarity and compassion,"O’Connell, Maeve; Crowther, Susan",,2020,,'
        'Women and Birth,,,,,https://doi.org/10.1016/j.wombi.2020.03.008,19142,#19493,O’Connell 2020,"",'
        '"* Opinion piece"\n')
    recs, report = _read(tmp_path, "covidence.csv", text)
    assert report.imported == 3
    assert recs[0]["authors"] == ["Pará . Secretaria de Saúde"]
    assert recs[1]["authors"] == ["Ministerio de Salud Publica y Bienestar Social",
                                  "Sociedad Paraguaya de Obstetricia y Ginecologìa"]
    assert recs[2]["authors"] == ["O’Connell, M.", "Crowther, S."]  # people stay people


def test_medline_initials_written_in_the_case_of_a_name_are_initials(tmp_path):
    """Ovid's RIS of MEDLINE records writes MEDLINE's full names, whose initials after a given name take the case
    of a name: "Lai, Eric Tc" (Eric T. C. Lai) became "Lai, E. T.", one initial lost, so the same person in
    PubMed's export ("Lai ET", "Lai, Eric Tc") did not match."""
    text = ("1. \nTY  - JOUR\nID  - 32079186\nT1  - The Associations of Income, Education and Income Inequality and "
            "Subjective Well-Being among Elderly in Hong Kong-A Multilevel Analysis.\nA1  - Lai, Eric Tc\n"
            "A1  - Yu, Ruby\nA1  - Woo, Jean\nY1  - 2020//\nJF  - International journal of environmental research and "
            "public health\nVL  - 17\nIS  - 4\nDO  - https://dx.doi.org/10.3390/ijerph17041271\nL2  - http://ovidsp."
            "ovid.com/ovidweb.cgi?T=JS&PAGE=reference&D=medl&NEWS=N&AN=32079186\nER  -  \n\nLink to the Ovid Full "
            "Text or citation: https://ovidsp.ovid.com/ovidweb.cgi?T=JS&CSC=Y&NEWS=N&PAGE=fulltext&D=medl&AN=32079186"
            " \n\n")
    recs, report = _read(tmp_path, "medline.ris", text)
    assert report.imported == 1 and report.database == "MEDLINE (Ovid)"
    assert recs[0]["authors"] == ["Lai, E. T. C.", "Yu, R.", "Woo, J."]


def test_wos_full_name_with_a_given_name_in_its_family_part(tmp_path):
    """Web of Science's full name (``AF``) of one book-chapter author put a given name before the family name,
    after the comma's wrong side: "Carlos Reyes-Alvarado, Luis", whose short name (``AU``) is "Reyes-Alvarado,
    LC". Read as written it was "Carlos Reyes-Alvarado, L.", another person to every other database; the short
    name says which words are the family name and which given name the first word is."""
    text = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT B\nAU Reyes-Alvarado, LC\nAF Carlos Reyes-Alvarado, "
            "Luis\nBA ReyesAlvarado, LC\nBF ReyesAlvarado, LC\nTI Forecasting the effect of feast and famine "
            "conditions on biological\n   sulphate reduction in an anaerobic inverse fluidized bed reactor using\n"
            "   artificial neural networks\nSO OPTIMIZATION OF THE ELECTRON DONOR SUPPLY TO SULPHATE REDUCING\n"
            "   BIOREACTORS TREATING INORGANIC WASTEWATER\nBN 978-1-138-34331-3\nPY 2018\nBP 51\nEP 87\n"
            "DI 10.1016/j.procbio.2017.01.021\nUT WOS:000465334400003\nER\n\n"
            "PT S\nAU Keyes, KM\n   Allel, K\nAF Keyes, Katherine M.\n   Allel, Kasim\nBE Deak, T\n"
            "TI Alcohol consumption predicts incidence of depressive episodes\nSO LATE AGING ASSOCIATED CHANGES\n"
            "PY 2019\nVL 148\nBP 1\nEP 38\nUT WOS:000539031900002\nER\n\nEF\n")
    recs, report = _read(tmp_path, "web_of_science.ciw", text)
    assert report.imported == 2
    assert recs[0]["authors"] == ["Reyes-Alvarado, L. C."]
    assert recs[1]["authors"] == ["Keyes, K. M.", "Allel, K."]  # full names that agree are read as written


def test_ebsco_language_written_only_in_the_notes(tmp_path):
    """EBSCOhost's RIS of some databases (Fonte Acadêmica, in a Portuguese interface) has no ``LA`` line: the
    language is the last item of the notes ("...; Number of Pages: 7p; Language: Portuguese"), after the
    languages of the keywords. The record had no language, so a filter or a count by language missed it."""
    text = ("TY  - JOUR\nAU  - Rodrigues Ramos, Juliano\nT1  - MODELOS DE MATURIDADE DE TESTE DE SOFTWARE: UMA "
            "REVISÃO SISTEMÁTICA DA LITERATURA.\nT2  - Software Test Maturity Models: A Systematic Review of the "
            "Literature.\nJO  - Colloquium Exactarum\nPY  - 2018/04//abr-jun2018\nVL  - 10\nIS  - 2\nSP  - 38\n"
            "EP  - 44\nSN  - 21788332\nN1  - Accession Number: 134630660; Authors: Rodrigues Ramos, Juliano 1; "
            "Author-Supplied Keyword: software process; Language of Keywords: English; Language of Keywords: "
            "Portuguese; Number of Pages: 7p; Language: Portuguese\nL3  - 10.5747/ce.2018.v10.n2.e236\n"
            "UR  - http://search.ebscohost.com/login.aspx?direct=true&db=foh&AN=134630660&lang=pt-br&site=ehost-live\n"
            "DP  - EBSCOhost\nDB  - Fonte Acadêmica\nER  - \n\n"
            "TY  - JOUR\nAU  - Smith, Jane\nT1  - A record with its language line\nJO  - Journal\nPY  - 2019\n"
            "LA  - English\nN1  - Accession Number: 1; Language: Spanish\nDP  - EBSCOhost\nDB  - Fonte Acadêmica\n"
            "ER  - \n\n")
    recs, report = _read(tmp_path, "delivery.ris", text)
    assert report.imported == 2
    assert recs[0]["language"] == "Portuguese"
    assert recs[0]["year"] == 2018 and recs[0]["doi"] == "10.5747/ce.2018.v10.n2.e236"
    assert recs[1]["language"] == "English"  # the LA line, where there is one, is the record's language


def test_bibtex_author_field_of_names_joined_with_semicolons(tmp_path):
    """A Zotero BibTeX export whose items came from Web of Science rows holds each record's authors as one name
    joined with ";" ("Osnabrugge, M; Ash, E; Morelli, M"): BibTeX's splitter (``and``) gave one garbled person,
    "Osnabrugge, E. M. M., M; Ash". Each "Family, Initials" between the semicolons is one author."""
    text = ("\n@article{osnabrugge_cross-domain_nodate,\n\ttitle = {Cross-{Domain} {Topic} {Classification} for "
            "{Political} {Texts}},\n\tdoi = {http://dx.doi.org/10.1017/pan.2021.37},\n\tjournal = {POLITICAL "
            "ANALYSIS},\n\tauthor = {Osnabrugge, M; Ash, E; Morelli, M},\n}\n\n"
            "@article{theocharis_bad_nodate,\n\ttitle = {A {Bad} {Workman} {Blames} {His} {Tweets}},\n"
            "\tdoi = {http://dx.doi.org/10.1111/jcom.12259},\n\tjournal = {JOURNAL OF COMMUNICATION},\n"
            "\tauthor = {Theocharis, Y; Barbera, P; Fazekas, Z; Popa, SA; Parnet, O},\n}\n\n"
            "@article{k3,\n\ttitle = {One person},\n\tauthor = {Smith, John and Doe, Jane},\n\tyear = {2020},\n}\n")
    recs, report = _read(tmp_path, "full_zotero_export.bib", text)
    assert report.imported == 3
    assert recs[0]["authors"] == ["Osnabrugge, M.", "Ash, E.", "Morelli, M."]
    assert recs[1]["authors"] == ["Theocharis, Y.", "Barbera, P.", "Fazekas, Z.", "Popa, S. A.", "Parnet, O."]
    assert recs[0]["doi"] == "10.1017/pan.2021.37"
    assert recs[2]["authors"] == ["Smith, J.", "Doe, J."]


def test_publish_or_perish_header_that_names_only_its_first_eight_columns(tmp_path):
    """A Publish or Perish file (Google Scholar, Russian titles) whose header names only the first eight of its
    24 columns ("Cites,...,CitesURL," then sixteen empty names): nine warnings, one per unnamed column, and the
    snippet Scholar shows (its Abstract column) was lost to ``raw``. The columns are Publish or Perish's own, in
    its order (GSRank, QueryDate, Type, ... Age, Abstract): they are read so, and the reviewer is told once."""
    text = ("Cites,Authors,Title,Year,Source,Publisher,ArticleURL,CitesURL,,,,,,,,,,,,,,,,\n"
            "0,СВ Запечников,Учебно-методическое обеспечение дисциплины «Открытые информационные системы»,2014,"
            "Безопасность информационных технологий,bit.mephi.ru,https://bit.mephi.ru/index.php/bit/article/view/138,"
            ",46,2021-08-07 17:02:08,,,,,,,,,0,0,0,1,7,\"… Обзор различных классов компьютерных систем …\"\n"
            "84,\"А Прохоров, Л Коник\",\"Цифровая трансформация. Анализ, тренды, мировой опыт\",2020,,"
            "books.google.com,https://books.google.com/books?id=JQx2DwAAQBAJ,https://scholar.google.com/scholar?"
            "cites=6512693301126797052&as_sdt=2005&sciodt=2007&hl=en,53,2021-08-07 17:02:08,BOOK,,,,,,,,84,84,42,2,1,"
            "\"… Первая платформа была реализована на базе мейнфреймов и терминалов …\"\n")
    recs, report = _read(tmp_path, "PoPCites.csv", text)
    assert report.imported == 2 and report.database == "Google Scholar"
    assert recs[0]["abstract"] == "… Обзор различных классов компьютерных систем …"  # Scholar's snippet, as shown
    assert recs[1]["type"] == "BOOK" and recs[1]["authors"] == ["Прохоров, А.", "Коник, Л."]
    assert len(report.warnings) == 1 and "Publish or Perish" in report.warnings[0]


def test_covidence_page_count_written_as_a_range_of_itself(tmp_path):
    """Covidence writes the page count of a report from the WHO COVID-19 database as a range from the count to
    itself ("2 p-2 p", "30p-30p"); it was kept as a page range. Both ends the same is one value, as "125-125" is
    one page: "2 p"."""
    text = _COVIDENCE_HEADER + (
        'Flujograma de manejo en la paciente embarazada en el contexto de IRA,"Ministerio de Salud Publica y '
        'Bienestar, Social",,2020,,,,,2 p-2 p,,,19511,#19243,MinisteriodeSaludPublicayBienestar 2020,"",'
        'Awaiting classification\n'
        'Guia técnica de prevención y control de infecciones durante la atención sanitaria de casos sospechosos o '
        'confirmados de COVID-19,"Ministerio de Salud Pùblica y Bienestar, Social",,2020,,,,,30p-30p,,,19514,#19246,'
        'MinisteriodeSaludPùblicayBienestar 2020,"",Awaiting classification\n'
        'Covid-19: Over 300 Italian doctors and scientists call for more testing,"Paterlini, Marta",,2020,,BMJ '
        '(Clinical research ed.),368,,m1274-m1274,,10.1136/bmj.m1274,19256,#19479,Paterlini 2020,"",'
        '"* Narrative review"\n')
    recs, report = _read(tmp_path, "WHO_database.csv", text)
    assert [r["pages"] for r in recs] == ["2 p", "30p", "m1274"]


def test_ieee_volume_written_after_the_pages(tmp_path):
    """IEEE Xplore's metadata (here through Zotero) writes a proceedings volume after the pages: "1534-1539 vol.2",
    "147-156 vol.1". The pages kept it ("1534-1539 vol.2"), so the first page no longer read as one; the volume
    is no part of the pages (and Zotero has it in its own column)."""
    header = ",".join(f'"{name}"' for name in _ZOTERO_COLUMNS) + "\n"
    cells = dict.fromkeys(_ZOTERO_COLUMNS, "")
    cells.update({"Key": "YGYUYYH2", "Item Type": "conferencePaper", "Publication Year": "2002",
                  "Author": "Bjarnason, R.V.; Peterson, T.S.", "Title": "Multi-agent learning via implicit opponent modeling",
                  "Publication Title": "Proceedings of the 2002 Congress on Evolutionary Computation. CEC'02 (Cat. No.02TH8600)",
                  "DOI": "10.1109/CEC.2002.1004470", "Pages": "1534-1539 vol.2", "Volume": "2",
                  "Library Catalog": "IEEE Xplore"})
    row = ",".join(f'"{cells[name]}"' for name in _ZOTERO_COLUMNS) + "\n"
    recs, report = _read(tmp_path, "Exported Items.csv", header + row)
    assert report.imported == 1 and recs[0]["pages"] == "1534-1539" and recs[0]["volume"] == "2"


def test_article_number_with_a_page_count_as_end_page(tmp_path):
    """A library discovery system's RIS gives a Hindawi article its article number as start page and its page
    count as end page ("SP  - 2181380", "EP  - 9"). Read as a shortened end page it became the invented range
    "2181380-2181389". A seven-digit start is an article number, and a one- or two-digit end beside it is no end
    page of it: the pages are the article number."""
    text = ("TY  - JOUR\nAU  - Alves Araujo, Felipe\nAU  - Lima Brasil, Fabricio\nCY  - LONDON\n"
            "DO  - 10.1155/2017/2181380\nKW  - Audio data\nPB  - Hindawi\nPY  - 2017\nSP  - 2181380\nEP  - 9\n"
            "TI  - Auris System: Providing Vibrotactile Feedback for Hearing Impaired Population\n"
            "T2  - BioMed research international\nVL  - 2017\nER  -\n"
            "TY  - JOUR\nAU  - Padmanandam, Kayal\nDO  - 10.4018/IJORIS.306194\nIS  - 2\nPB  - IGI Global\nPY  - 2022\n"
            "SP  - 1482\nEP  - 91\nTI  - Artificial Intelligence Biosensing System on Hand Gesture Recognition\n"
            "T2  - International journal of operations research and information systems\nVL  - 13\nER  -\n")
    recs, report = _read(tmp_path, "export.ris", text)
    assert report.imported == 2
    assert recs[0]["pages"] == "2181380"
    assert recs[1]["pages"] == "1482-1491"  # a shortened end page of a page number is still written out
