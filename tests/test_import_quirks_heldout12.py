"""Quirks met in exports of held-out set 12 (outside ../shared): ProQuest's RIS (Sociological Abstracts, Social
Services Abstracts), ... Each test holds a few lines of its own in the export's layout; the comment names the
public file that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _proquest_record(number: str, names: list[str], database: str = "Sociological Abstracts") -> str:
    """One ProQuest RIS record in its 2020 layout (T1, AN, JF, AU..., the docview link, DB, a dx.doi.org DO)."""
    return ("TY  - JOUR\nT1  - Shops and resilience in a small town\nAN  - " + number + "\nJF  - Regional Review\n"
            + "".join(f"AU  - {name}\n" for name in names)
            + "Y1  - 2021/01//\nPY  - 2021\nSP  - 10\nEP  - 32\nVL  - 44\nIS  - 1\n"
            f"UR  - https://search.proquest.com/scholarly-journals/shops/docview/{number}/se-2?accountid=1\n"
            f"DB  - {database}\nN1  - Last updated - 2020-12-15\nDO  - http://dx.doi.org/10.1177/01600176{number}\n"
            "ER  - \n\n\n\n")


def test_proquest_ris_names_without_a_comma_are_family_name_first(tmp_path):
    """ProQuest writes most names "Family, Given", but those it takes from some publishers' feeds without a comma
    and family name first ("Scuderi Raffaele", "Hashim Intan H M", "van den Nouwelant Ryan", "Yu Esther Yee Tak"):
    27 of the 28 such names in 29 records of alfrossi/Meta_Analysis, sociology_abstract.ris and
    social_services_abstracts.ris. Read as any name, the given name became the family name ("Raffaele, S.",
    "Tak, Y. E. Y."), which is what dedup compares and a citation shows. A name that opens with an initial is
    given name first, and a name without a comma outside ProQuest is read as before."""
    text = (_proquest_record("2469983386", ["Okonkwo Chidi", "Brandt, Maria L", "Hashim Intan H M",
                                            "van den Berg Ryan", "Ruiz-Tur Andrés"])
            + _proquest_record("2472035574", ["Lam Mei Lo Kuen", "Zahl, Ellen H", "J Smith", "Anonymous"],
                               "Social Services Abstracts"))
    records, report = _read(tmp_path, "proquest.ris", text)
    assert report.imported == 2
    assert records["authors"][0] == ["Okonkwo, C.", "Brandt, M. L.", "Hashim, I. H. M.", "van den Berg, R.",
                                     "Ruiz-Tur, A."]
    assert records["authors"][1] == ["Lam, M. L. K.", "Zahl, E. H.", "Smith, J."]
    assert records["doi"][0] == "10.1177/016001762469983386"
    # the same names in a RIS that is not ProQuest's are read as any name, given name first
    other, _ = _read(tmp_path, "other.ris", "TY  - JOUR\nTI  - A trial\nAU  - Okonkwo Chidi\nPY  - 2020\nER  - \n")
    assert other["authors"][0] == ["Chidi, O."]


def test_credentials_after_a_second_comma_are_no_initials(tmp_path):
    """ProQuest's Social Services Abstracts writes credentials after the given names ("Moore, Ami, PhD, MPH, CPH",
    "Miller, Vivian J, PhD, LSW"; social_services_abstracts.ris, The Gerontologist 60(8)). Those the reader knew
    were dropped, but one it did not know ("CPH", "LSW") kept them all as initials: "Moore, A. P. M. C. P. H."."""
    text = _proquest_record("2464404616", ["Yang, Chenchen, MS", "Moore, Ami, PhD, MPH, CPH",
                                           "Miller, Vivian J, PhD, LSW", "Okafor, Ada, DNP, RN, FAAN"],
                            "Social Services Abstracts")
    records, report = _read(tmp_path, "social_services.ris", text)
    assert records["authors"][0] == ["Yang, C.", "Moore, A.", "Miller, V. J.", "Okafor, A."]


def test_ieee_xplore_csv_record_id_is_the_document_number_of_its_link(tmp_path):
    """IEEE Xplore's CSV has no id column, so its records had no source id (lisaphmm/bacteria-identification-
    systematic-review, ieeexplore.csv, 2026 columns); the document number of its PDF link is IEEE's own key (the
    one its RIS gives in AN). A row without a link keeps no id."""
    header = ('"Document Title",Authors,"Publication Title","Publication Year","Volume","Start Page","End Page",'
              '"DOI",PDF Link,"Document Identifier"\n')
    rows = ('"Colonies seen by phone cameras","S. A. Okafor; F. -S. Lin",IEEE Access,"2022","10","120181","120190",'
            '"10.1109/ACCESS.2022.1234567","https://ieeexplore.ieee.org/stamp/stamp.jsp?arnumber=9950247",'
            '"IEEE Journals"\n'
            '"A second paper","K. P",IEEE Sensors,"2023","","1","2","","","IEEE Conferences"\n')
    records, report = _read(tmp_path, "ieee.csv", header + rows)
    assert report.database == "IEEE Xplore" and report.imported == 2
    assert records["source_id"].tolist() == ["9950247", ""]
    assert records["authors"][0] == ["Okafor, S. A.", "Lin, F.-S."]


RAYYAN_HEADER = ("key,title,year,month,day,journal,issn,volume,issue,pages,authors,url,language,publisher,location,"
                 "abstract,notes,pubmed_id,pmc_id\n")


def test_rayyan_csv_of_web_of_science_rows_gives_each_author_once(tmp_path):
    """Rayyan's CSV of a Web of Science record joins WoS's short names and its full names with "and" ("Wu, HH and
    Toti, G and ... and Wu, Honghan and Toti, Giulia"): a paper by 15 people had 30 authors (BIH-CEI/FHIR-Research-
    Review, articles.csv, rayyan-128780200). The full names are kept, as the WoS reader keeps AF; two people of
    one family name stay two, and a list that does not repeat itself is left alone."""
    rows = ('rayyan-1,A semantic search system,2018,5,,JAMIA,1067-5027,25,5,530-537,"Okafor, CA and Lin, M and '
            'Berg, RJB and Okafor, Chidi A. and Lin, Mei and Berg, Rolf J. B.",,English,,,,"RAYYAN-INCLUSION: '
            '{""Ana""=>""Included""}",,\n'
            'rayyan-2,Two of a family,2019,,,BMJ,,1,,1-2,"Smith, J and Smith, A",,,,,,,,\n'
            'rayyan-3,Four people,2019,,,BMJ,,1,,1-2,"Li, H and Wang, W and Li, X and Zhao, J",,,,,,,,\n'
            # four people of two families, named in the same order twice: their initials tell them apart
            'rayyan-4,Two families,2020,,,BMJ,,1,,1-2,"Kim, J and Lee, S and Kim, H and Lee, K",,,,,,,,\n')
    records, report = _read(tmp_path, "articles.csv", RAYYAN_HEADER + rows)
    assert report.database == "Rayyan" and report.imported == 4
    assert records["authors"].tolist() == [["Okafor, C. A.", "Lin, M.", "Berg, R. J. B."], ["Smith, J.", "Smith, A."],
                                           ["Li, H.", "Wang, W.", "Li, X.", "Zhao, J."],
                                           ["Kim, J.", "Lee, S.", "Kim, H.", "Lee, K."]]


def test_rayyan_csv_issn_without_the_ris_tag_its_import_left_in_it(tmp_path):
    """Rayyan's own RIS import leaves the next tag in a value: an IEEE record's ISSN "2472-8586     VO  -"
    (BIH-CEI/FHIR-Research-Review, articles.csv, rayyan-128780201), which no other export's ISSN matched."""
    rows = ('rayyan-4,A framework for health records,2017,,,2017 IEEE Conference on Health (ICH),2472-8586     VO  -,'
            ',,1-4,F. Okafor and S. A. Lin,,,,,,,,\n')
    records, _ = _read(tmp_path, "articles.csv", RAYYAN_HEADER + rows)
    assert records["isbn_issn"][0] == "2472-8586"
    assert records["authors"][0] == ["Okafor, F.", "Lin, S. A."]


def test_catalogue_life_dates_and_roles_are_no_initials(tmp_path):
    """Zotero keeps what the BnF's catalogue (Gallica) writes after a person's given names: the life dates and the
    role ("Vasari, Giorgio (1511-1574) Auteur du texte"; MediaDesignLab-EDNA/bibliography-karlpineau, zotero.csv).
    Read as initials they gave "Vasari, G. (.-1. A. D. T."; "Jean Auteur", a name without a comma, keeps its word."""
    text = ('"Item Type","Publication Year","Author","Title"\n'
            'book,1568,"Vasari, Giorgio (1511-1574) Auteur du texte","Vies des peintres"\n'
            'book,1787,"Thiéry, Luc-Vincent Auteur du texte; Dupont, Marie (1937-....) Traducteur","Guide de Paris"\n'
            'book,2001,"Jean Auteur","Un livre"\n')
    records, report = _read(tmp_path, "zotero.csv", text)
    assert report.imported == 3
    assert records["authors"].tolist() == [["Vasari, G."], ["Thiéry, L.-V.", "Dupont, M."], ["Auteur, J."]]


def test_a_link_written_in_the_pages_is_the_records_link_not_its_pages(tmp_path):
    """An EndNote library's report has "Available: http://www.fs.fed.us/.../purplemartin.pdf" as its pages
    (JabRef/jabref, EndnoteXmlImporterTestReport.xml, an EndNote 20 export): no page, but the record's only link.
    A record that has a link keeps it; its pages are emptied all the same."""
    def record(pages: str, url: str = "") -> str:
        link = f"<urls><related-urls><url>{url}</url></related-urls></urls>" if url else "<urls/>"
        return (f'<record><ref-type name="Report">27</ref-type><contributors><authors><author>Okafor, C. A.</author>'
                f"</authors></contributors><titles><title>Swallows of the plains: a conservation assessment</title>"
                f"</titles><pages>{pages}</pages><dates><year>2005</year></dates>{link}</record>")
    text = ('<?xml version="1.0" encoding="UTF-8"?><xml><records>'
            + record("Available: http://www.example.org/swallows.pdf")
            + record("Available: www.example.org/swallows.pdf", "https://example.org/report/7")
            + record("12-19") + "</records></xml>")
    records, report = _read(tmp_path, "library.xml", text)
    assert report.format == "endnote_xml" and report.imported == 3
    assert records["pages"].tolist() == ["", "", "12-19"]
    assert records["url"].tolist() == ["http://www.example.org/swallows.pdf", "https://example.org/report/7", ""]


def test_proquest_ris_first_page_from_its_own_link_when_sp_is_missing(tmp_path):
    """ProQuest leaves an e-locator out of SP (The Gerontologist 60(8), "spage=e633" only in the record's OpenURL
    link L2; alfrossi/Meta_Analysis, social_services_abstracts.ris). The page is taken from ProQuest's own link when
    its volume is the record's; a link of another volume gives none."""
    def record(number: str, volume: str, link_volume: str) -> str:
        return (f"TY  - JOUR\nT1  - Exercise and memory\nAN  - {number}\nJF  - The Gerontologist\n"
                f"AU  - Okafor, Ada, MS\nPY  - 2020\nVL  - {volume}\nIS  - 8\n"
                f"UR  - https://search.proquest.com/scholarly-journals/exercise/docview/{number}/se-2?accountid=1\n"
                "L2  - http://example.org/openurl?url_ver=Z39.88-2004&genre=article&sid=ProQ:ProQ%3Asocialservices"
                f"&atitle=Exercise&volume={link_volume}&issue=8&spage=e633&au=Okafor%2C+Ada%2C+MS\n"
                "DB  - Social Services Abstracts\nER  - \n\n\n\n")
    records, _ = _read(tmp_path, "proquest.ris", record("2464404616", "60", "60") + record("2464404617", "60", "61"))
    assert records["pages"].tolist() == ["e633", ""]
    assert records["authors"][0] == ["Okafor, A."]


def test_family_name_in_capitals_comes_first(tmp_path):
    """J-STAGE's English records and French catalogues write the family name first in capitals ("YAMADA Taro",
    "DUPONT Jean-Pierre"). Read given name first they became "Taro, Y." and "Jean-Pierre, D.", another person to
    dedup and to the citation, and "VAN DER BERG Jan" "Jan, V. A. N. D. E. R. B.". Capitals that are initials
    ("AE Smith", "A S M Okafor") and a name all in capitals keep their reading; a name in Chinese, Japanese or
    Korean script is kept whole (main's rule: its order cannot be told from the name)."""
    text = ("TY  - JOUR\nTI  - Rice blast in paddy fields\nAU  - YAMADA Taro\nAU  - DUPONT Jean-Pierre\n"
            "AU  - VAN DER BERG Jan\nAU  - 山田 太郎\nAU  - AE Smith\nAU  - A S M Okafor\n"
            "AU  - JOHN SMITH\nPY  - 2021\nER  - \n")
    records, _ = _read(tmp_path, "jstage.ris", text)
    assert records["authors"][0] == ["YAMADA, T.", "DUPONT, J.-P.", "VAN DER BERG, J.", "山田 太郎", "Smith, A. E.",
                                     "Okafor, A. S. M.", "SMITH, J."]


def test_lens_csv_list_of_issns_written_as_issns(tmp_path):
    """Lens.org's CSV gives a journal's ISSNs as one cell without hyphens ("0734242x; 10963669";
    spicy-adobo/LIS-4-5693, lens-export.csv): a single ISSN was given its hyphen, a list was not, so the
    journal's ISSN read differently from every other database's ("0734-242X")."""
    text = ("Lens ID,Title,Publication Year,Publication Type,Source Title,ISSNs,Author/s,Volume,Issue Number,"
            "Start Page,End Page,DOI\n"
            "000-015-224-213-921,Planning waste treatment,1989,journal article,Waste Management & Research,"
            '0734242x; 10963669,Ada Okafor; Lin Mei,7,1,153,163,10.1177/0734242x8900700120\n'
            "000-530-278-248-296,Packaging waste,1990,journal article,Can J Hosp Pharm,00084123,Ada Okafor,"
            '43,4,179,"81, 195",\n')
    records, report = _read(tmp_path, "lens-export.csv", text)
    assert report.database == "Lens.org" and report.imported == 2
    assert records["isbn_issn"].tolist() == ["0734-242X; 1096-3669", "0008-4123"]
    assert records["pages"][1] == "179-81, 195"  # MEDLINE's "179-81, 195" split by Lens, read as MEDLINE has it


def test_proquest_text_labels_placeholder_abstract_and_place_after_the_title(tmp_path):
    """ProQuest's plain text (sjkiss/importProquest, inst/extdata/spectator.txt, Canadian Newsstream 2024):
    "Business indexing term:" was no label, so its line ran into the subjects ("Multiculturalism & pluralism
    Business indexing term: Subject: Leaves of absence"); "Abstract: None available." was the abstract; the
    publication title carries the place its own label gives ("The Hamilton Spectator (Online); Hamilton")."""
    sep = "_" * 60
    text = (f"{sep}\n\nDocument 1 of 2\n\nA leave from cabinet\n\nhttps://www.proquest.com/docview/3107395297/se-2\n\n"
            "Abstract: None available.\n\nFull text: The minister is taking a leave.\n\n"
            "Subject: Citizenship; Leaves of absence\n\nBusiness indexing term: Subject: Leaves of absence\n\n"
            "Title: A leave from cabinet\n\nPublication title: The Hamilton Spectator (Online); Hamilton\n\n"
            "Publication year: 2024\n\nPlace of publication: Hamilton\n\nDocument type: News\n\n"
            "ProQuest document ID: 3107395297\n\nDatabase: Canadian Newsstream Collection\n\n"
            f"{sep}\n\nDocument 2 of 2\n\nTown council; a report\n\nAbstract: Council met twice.\n\n"
            "Title: Town council; a report\n\nPublication title: Hamilton Review; Toronto\n\nPublication year: 2023\n\n"
            "Place of publication: Hamilton\n\nProQuest document ID: 3107395298\n\n"
            f"Database: Canadian Newsstream Collection\n\n{sep}\n\n")
    records, report = _read(tmp_path, "ProQuestDocuments-2024-09-22.txt", text)
    assert report.format == "proquest" and report.imported == 2
    assert records["keywords"][0] == ["Citizenship", "Leaves of absence"]
    assert records["abstract"].tolist() == ["", "Council met twice."]
    assert records["journal"].tolist() == ["The Hamilton Spectator (Online)", "Hamilton Review; Toronto"]
