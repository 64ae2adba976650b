"""Quirks met by helper w51 in tagged exports nobody had read (ACM Digital Library BibTeX, EBSCOhost RIS, IEEE
Xplore RIS). Each test holds a few lines of its own in the export's layout; the docstring names the public file
that showed it."""
from test_import_quirks_heldout7 import _read  # write the lines, read them as an export


def _acm_entry(key: str, pages: str, articleno: str, authors: str = "Okafor, Ada and Lin, Mei") -> str:
    """One entry of the ACM Digital Library's BibTeX in its layout before 2020 (pages "article:page")."""
    return (f"@inproceedings{{{key},\n author = {{{authors}}},\n title = {{Rivers in the Cloud: A Survey}},\n"
            " booktitle = {Proceedings of the International Conference on Rivers},\n series = {ICR '16},\n"
            f" year = {{2016}},\n isbn = {{978-1-4503-4063-2}},\n pages = {{{pages}}},\n"
            + (f" articleno = {{{articleno}}},\n" if articleno else "")
            + " numpages = {7},\n doi = {10.1145/2896387.2896447},\n acmid = {2896447},\n publisher = {ACM},\n"
            " address = {New York, NY, USA},\n}\n\n")


def test_acm_bibtex_article_page_is_its_article_number(tmp_path):
    """The ACM Digital Library's older BibTeX writes an article's pages as article number and page
    ("pages = {62:1--62:7}, articleno = {62}"; samueldmq/interoperability-mapping, acm.bib). Read as pages they
    gave "62:1-62:7", where ACM's newer export (articleno alone) and the other databases give the article
    number "62": one paper stood at two places. Pages that count the volume's ("53:401--53:408") keep those."""
    text = (_acm_entry("Okafor:2016:RC:1.2", "62:1--62:7", "62") + _acm_entry("Okafor:2016:RC:1.3", "53:401--53:408", "53")
            + _acm_entry("Okafor:2016:RC:1.4", "12--19", ""))
    records, report = _read(tmp_path, "acm.bib", text)
    assert report.imported == 3
    assert records["pages"].tolist() == ["62", "401-408", "12-19"]


def test_acm_bibtex_doctor_before_the_given_name_is_no_initial(tmp_path):
    """ACM's BibTeX keeps an author's title before the given names ("Sharma, DR. Sandeep", "Kahlon, DR. Karanjeet
    Singh"; samueldmq/interoperability-mapping, acm.bib, ACM Comput. Surv. 50(4)): read as initials, "Sharma, D.
    R. S.", another person to dedup and to a citation. Initials that are initials ("Lin, D. R.") stay."""
    text = _acm_entry("Okafor:2017:RP:1.5", "49:1--49:40", "49",
                      "Okafor, Ada and Sharma, DR. Sanjay and Kahlon, Dr. Karan Singh and Lin, D. R. and "
                      "Berg, Prof. Rolf")
    records, _ = _read(tmp_path, "acm.bib", text)
    assert records["authors"][0] == ["Okafor, A.", "Sharma, S.", "Kahlon, K. S.", "Lin, D. R.", "Berg, R."]
